import { Module } from '@nestjs/common';
import { runWorkerMain } from '../../../apps/worker/src/worker-bootstrap';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { CrashAfterCommitModule } from './crash-after-commit';

/**
 * The worker as the fault drills run it (never in production): the real WorkerModule plus the
 * crash-after-commit interceptor at DRILL_CRASH_AFTER_COMMIT_RATE (0–1).
 */
const rate = Math.min(Math.max(Number(process.env.DRILL_CRASH_AFTER_COMMIT_RATE ?? 0) || 0, 0), 1);

@Module({ imports: [CrashAfterCommitModule.withRate(rate), WorkerModule] })
class FaultDrillWorkerModule {}

runWorkerMain(FaultDrillWorkerModule);
