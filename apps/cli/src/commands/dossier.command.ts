import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Option, SubCommand } from 'nest-commander';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { AUDIT_CHAIN } from '@hazards/archive/chain-definitions';
import { buildDossier } from '@hazards/archive/dossier/dossier-builder';
import { verifyDossier } from '@hazards/archive/dossier/dossier-verifier';
import { CliCommand, cliCommandGroup } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';

/** `dossier verify FILE`: offline, with ARCHIVE_HMAC_KEY only; exit 0 when it verifies, 1 when not. */
@SubCommand({
  name: 'verify',
  arguments: '[file]',
  description: '离线校验隐患档案 / verify a hazard dossier .zip offline against its signed manifest',
})
export class DossierVerifyCommand extends CliCommand {
  readonly usage = 'dossier verify FILE.zip';

  async execute(params: string[]) {
    if (params.length !== 1) return this.usageError();
    const result = await verifyDossier(await readFile(params[0]), ArchiveKey.fromEnv());
    if (result.ok) {
      console.log(
        `verified 校验通过: dossier of hazard ${result.hazardId}, ${result.files} files (${result.evidence} evidence) match the signed manifest`,
      );
      return 0;
    }
    console.log(`NOT VERIFIED 校验失败: ${params[0]}`);
    for (const p of result.problems) console.log(`  - ${p}`);
    return 1;
  }
}

/** `dossier build HAZARD_ID [--out FILE]`: writes a hazard's dossier; recorded in the audit log as an export. */
@SubCommand({ name: 'build', arguments: '[hazardId]', description: '生成隐患档案 / write a hazard dossier .zip (recorded as an export)' })
export class DossierBuildCommand extends CliCommand {
  readonly usage = 'dossier build HAZARD_ID [--out FILE.zip]';

  constructor(private readonly db: CliDatabase) {
    super();
  }

  @Option({ flags: '--out <file>', description: '输出文件 / the .zip to write (default: the dossier’s own name)' })
  out(v: string) {
    return v;
  }

  async execute(params: string[], options: { out?: string }) {
    if (params.length !== 1) return this.usageError();
    const key = ArchiveKey.fromEnv();
    const ds = await this.db.open();
    const actor = { userId: 'system:cli', username: userInfo().username };
    const dossier = await buildDossier(ds, key, params[0], { generatedBy: actor });
    if (!dossier) {
      console.error(`隐患不存在 / no hazard ${params[0]}`);
      return 1;
    }
    const out = options.out ?? dossier.fileName;
    await pipeline(dossier.stream as Readable, createWriteStream(out));
    await new ChainAppender(key).appendAlone(ds, AUDIT_CHAIN, {
      user_id: actor.userId,
      username: actor.username,
      event_type: 'dossier.export',
      object_type: 'hazard',
      object_id: params[0],
      result: 'success',
      http_status: null,
      source_ip: null,
      request_id: null,
      detail: { via: 'cli', host: hostname(), out },
    });
    console.log(`dossier written: ${out} (${dossier.manifest.files.length} files, ${dossier.manifest.evidence.length} evidence)`);
    return 0;
  }
}

/** `dossier verify | build`: hazard dossiers (隐患档案). */
export const DossierCommands = cliCommandGroup(
  'dossier',
  '隐患档案 / hazard dossiers',
  [DossierVerifyCommand, DossierBuildCommand],
  'dossier verify | build',
);
