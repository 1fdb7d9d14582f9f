import type { CliCommand } from '../cli-command';

/** Every command of the CLI. Append yours. */
export const COMMANDS: CliCommand[] = [];
