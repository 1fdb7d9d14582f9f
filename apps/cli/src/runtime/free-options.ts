/**
 * `--name value`, `--name=value` and bare `--flag` options among the arguments: for a command that
 * takes open-ended options (export: every filter of GET /hazards), validated by the command itself.
 */
export function freeOptions(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) options[a.slice(2)] = args[++i];
    else options[a.slice(2)] = 'true';
  }
  return options;
}
