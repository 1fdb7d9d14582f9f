import { Module } from '@nestjs/common';
import { BoardRepository } from '@hazards/persistence/board/board.repository';
import { HazardsModule } from '../hazards/hazards.module';
import { PolicyProvider } from '../hazards/policy.provider';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

/** GET /board: the supervisor's overdue board, aggregated from the read model with the list's own filter SQL. */
@Module({
  imports: [HazardsModule],
  controllers: [BoardController],
  providers: [BoardService, BoardRepository, PolicyProvider],
})
export class BoardModule {}
