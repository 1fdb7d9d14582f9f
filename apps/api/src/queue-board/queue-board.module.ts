import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { jwtModuleOptions } from '../auth/jwt-secret';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AppConfig } from '@hazards/config';
import { ReferenceRepository } from '@hazards/persistence/reference/reference.repository';
import { AuditService } from '../audit/audit.service';
import { adminOnly } from './admin-token.middleware';
import { QueueBoardController } from './queue-board.controller';
import { QueueBoardService } from './queue-board.service';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues (admins only) plus queue metrics and dead letters as JSON.
 * bull-board is an Express router, so it is mounted on the underlying Express app with its own
 * admin check (Nest guards do not run for raw middleware).
 */
@Module({
  imports: [JwtModule.registerAsync({ inject: [AppConfig], useFactory: jwtModuleOptions })],
  controllers: [QueueBoardController],
  providers: [QueueBoardService, ReferenceRepository],
  exports: [QueueBoardService],
})
export class QueueBoardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly board: QueueBoardService,
    private readonly jwt: JwtService,
    private readonly reference: ReferenceRepository,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    const server = new ExpressAdapter();
    server.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.board.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: '隐患整改队列 Queues' } },
    });
    const app = this.adapterHost.httpAdapter.getInstance();
    app.use(QUEUE_BOARD_PATH, adminOnly(this.jwt, this.reference, this.audit), server.getRouter());
  }
}
