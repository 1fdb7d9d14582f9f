import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './app-config.module';
import { processName } from './process-name';

/**
 * Structured JSON logs (pino). Each HTTP request carries a request id: the caller's
 * `X-Request-Id` when given, else a new UUID, echoed back in the response header.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          genReqId: (req, res) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && given.length <= 128 ? given : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          customProps: () => ({ app: processName() }),
          autoLogging: { ignore: (req) => req.url === '/health' },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
        },
      }),
    }),
  ],
})
export class LoggingModule {}
