import 'reflect-metadata';
import { adoptLocalStackSettings, findProjectRoot } from '@hazards/config/local-stack-settings';
import type { CliCommand } from './cli-command';
import { COMMANDS } from './commands';

/** `npm run cli -- <command> [args]`: admin commands; the longest command name that matches wins. */
function pick(argv: string[]): { command: CliCommand; args: string[] } | null {
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, args: argv.slice(words.length) };
  }
  return null;
}

function help(): void {
  console.log('用法 / usage: npm run cli -- <command> [args]\n');
  for (const c of COMMANDS) console.log(`  ${c.usage.padEnd(48)} ${c.summary}`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    help();
    return argv.length === 0 ? 2 : 0;
  }
  const found = pick(argv);
  if (!found) {
    console.error(`未知命令 / unknown command: ${argv.join(' ')}\n`);
    help();
    return 2;
  }
  const local = adoptLocalStackSettings(findProjectRoot(__dirname));
  if (local.kind === 'adopted') console.error(`使用本地运行环境的设置 / using the running local stack's settings (${local.file})`);
  else if (local.kind === 'no-stack' && !process.env.DATABASE_URL) console.error(local.why);
  return found.command.run(found.args);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
