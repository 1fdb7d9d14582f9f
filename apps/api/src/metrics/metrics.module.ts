import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HazardReadRepository } from '@hazards/persistence/hazards/hazard-read.repository';
import { QueueBoardModule } from '../queue-board/queue-board.module';
import { ApiMetricsService } from './api-metrics.service';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { RuntimeStatusService } from './runtime-status.service';

/** GET /metrics (Prometheus), the request timer on every route, and the console's 运行状态 figures. */
@Module({
  imports: [QueueBoardModule],
  controllers: [MetricsController],
  providers: [ApiMetricsService, RuntimeStatusService, HazardReadRepository],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
