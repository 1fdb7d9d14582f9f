import { Inject, Injectable, Type } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';

/** The exit code of the command that ran; `runCli` hands it to the process (or to a test). */
@Injectable()
export class CliExitCode {
  code = 0;
}

/**
 * One admin command of `npm run cli -- <name> [args]`: a nest-commander command whose `execute`
 * returns the exit code (0 done, 1 failed or found a problem, 2 usage). Each lives in
 * commands/<name>.command.ts and is listed in cli.module.ts; services come by injection.
 */
export abstract class CliCommand extends CommandRunner {
  @Inject(CliExitCode) private readonly exitCode!: CliExitCode;

  /** Shown after "usage:" when the arguments are wrong. */
  abstract readonly usage: string;

  abstract execute(params: string[], options: Record<string, string | boolean | undefined>): Promise<number>;

  async run(params: string[], options: Record<string, string | boolean | undefined> = {}): Promise<void> {
    this.exitCode.code = await this.execute(params, options);
  }

  protected usageError(extra = ''): number {
    console.error(`用法 / usage: npm run cli -- ${this.usage}${extra}`);
    return 2;
  }
}

/** A word that groups commands (`audit`, `calendar`, …): on its own it prints its commands. */
export abstract class CliCommandGroup extends CliCommand {
  async execute(): Promise<number> {
    this.command.outputHelp({ error: true });
    return 2;
  }
}

/**
 * Declares a group word and its commands: `cliCommandGroup('audit', '…', [Verify, Anchor], 'audit verify | anchor')`.
 * Each group is then one line of data, listed in cli.module.ts like any command.
 */
export function cliCommandGroup(
  name: string,
  description: string,
  subCommands: Type<CommandRunner>[],
  usage: string,
): Type<CliCommandGroup> {
  @Command({ name, description, subCommands })
  class Group extends CliCommandGroup {
    readonly usage = usage;
  }
  // A distinct class name per group, as Nest names providers (and its errors) by it.
  Object.defineProperty(Group, 'name', { value: name[0].toUpperCase() + name.slice(1) + 'Commands' });
  return Group;
}
