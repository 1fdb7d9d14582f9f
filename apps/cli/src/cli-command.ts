/**
 * One admin command of `npm run cli -- <name> [args]`. Each lives in commands/<name>.command.ts
 * and is listed in commands/index.ts; the exit code is what `run` returns.
 */
export interface CliCommand {
  /** e.g. 'audit verify', 'import', 'export' */
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}
