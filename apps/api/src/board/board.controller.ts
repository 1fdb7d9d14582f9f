import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody } from '@hazards/api-contract/api-error';
import { BoardDto } from './board-responses.dto';
import { BoardQuery } from './board.query';
import { BoardService } from './board.service';

@ApiTags('board')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@ApiResponse({ status: 403, type: ApiErrorBody })
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @Roles('supervisor', 'grid_inspector', 'admin')
  @ApiOperation({
    summary:
      '监管看板 / The overdue board: counts by status, listing level and region one level down (worst first), ' +
      'the overdue list, weekly overdue trend, accident types and closure rate by region. Same filters as GET /hazards, so the counts agree with the list.',
  })
  @ApiOkResponse({ type: BoardDto })
  @ApiResponse({ status: 400, type: ApiErrorBody })
  @ApiResponse({ status: 422, type: ApiErrorBody })
  get(@CurrentUser() user: AuthUser, @Query() q: BoardQuery) {
    return this.board.board(user, q);
  }
}
