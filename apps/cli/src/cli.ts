import 'reflect-metadata';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliExitCode } from './cli-command';
import { CliModule } from './cli.module';

/**
 * Runs one CLI command in this process and returns its exit code: `main.ts` hands it to the
 * process, tests call it directly. A usage error (unknown command or option) is 2; an error the
 * command throws is rethrown; the database and Temporal connections are closed either way.
 */
export async function runCli(argv: string[]): Promise<number> {
  let failure: unknown;
  const app = await CommandFactory.createWithoutRunning(CliModule, {
    logger: ['error'],
    // Commander would exit the process on a usage error or --help: throw instead, to be counted here.
    errorHandler: (err) => {
      throw err;
    },
    serviceErrorHandler: (err) => {
      failure = err;
    },
  });
  try {
    const exit = app.get(CliExitCode);
    exit.code = 0;
    await app.get(CommandRunnerService).run(['node', 'cli', ...argv]);
    const usage = commanderExit(failure);
    if (usage !== null) return usage;
    if (failure) throw failure;
    return exit.code;
  } finally {
    await app.close();
  }
}

/** Commander's own errors (bad usage, --help) carry a `commander.*` code; nest-commander bundles its own copy of the class. */
function commanderExit(err: unknown): number | null {
  if (typeof err !== 'object' || err === null || !('code' in err) || !String(err.code).startsWith('commander.')) return null;
  return 'exitCode' in err && err.exitCode === 0 ? 0 : 2;
}
