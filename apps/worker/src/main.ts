import { runWorkerMain } from './worker-bootstrap';
import { WorkerModule } from './worker.module';

/** The Temporal worker: workflows + activities in a Nest application context (no HTTP). */
runWorkerMain(WorkerModule);
