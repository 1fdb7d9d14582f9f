import 'reflect-metadata';
import { adoptLocalStackSettings, findProjectRoot } from '@hazards/config/local-stack-settings';
import { runCli } from './cli';

/** `npm run cli -- <command> [args]`: admin commands (`npm run cli -- help` lists them). */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const asksForHelp = argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]);
  if (!asksForHelp) {
    const local = adoptLocalStackSettings(findProjectRoot(__dirname));
    if (local.kind === 'adopted') console.error(`使用本地运行环境的设置 / using the running local stack's settings (${local.file})`);
    else if (local.kind === 'no-stack' && !process.env.DATABASE_URL) console.error(local.why);
  }
  return runCli(argv);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
