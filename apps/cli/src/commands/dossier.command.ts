import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { AUDIT_CHAIN } from '@hazards/archive/chain-definitions';
import { buildDossier } from '@hazards/archive/dossier/dossier-builder';
import { verifyDossier } from '@hazards/archive/dossier/dossier-verifier';
import type { CliCommand } from '../cli-command';
import { openDatabase, parseArgs } from './cli-context';

/** `dossier verify FILE`: offline, with ARCHIVE_HMAC_KEY only; exit 0 when it verifies, 1 when not. */
export const dossierVerifyCommand: CliCommand = {
  name: 'dossier verify',
  summary: '离线校验隐患档案 / verify a hazard dossier .zip offline against its signed manifest',
  usage: 'dossier verify FILE.zip',
  async run(args) {
    const { positional } = parseArgs(args);
    if (positional.length !== 1) {
      console.error(`用法 / usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    const result = await verifyDossier(await readFile(positional[0]), ArchiveKey.fromEnv());
    if (result.ok) {
      console.log(
        `verified 校验通过: dossier of hazard ${result.hazardId}, ${result.files} files (${result.evidence} evidence) match the signed manifest`,
      );
      return 0;
    }
    console.log(`NOT VERIFIED 校验失败: ${positional[0]}`);
    for (const p of result.problems) console.log(`  - ${p}`);
    return 1;
  },
};

/** `dossier build HAZARD_ID [--out FILE]`: writes a hazard's dossier; recorded in the audit log as an export. */
export const dossierBuildCommand: CliCommand = {
  name: 'dossier build',
  summary: '生成隐患档案 / write a hazard dossier .zip (recorded as an export)',
  usage: 'dossier build HAZARD_ID [--out FILE.zip]',
  async run(args) {
    const { positional, options } = parseArgs(args);
    if (positional.length !== 1) {
      console.error(`用法 / usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    const key = ArchiveKey.fromEnv();
    const ds = await openDatabase();
    try {
      const actor = { userId: 'system:cli', username: userInfo().username };
      const dossier = await buildDossier(ds, key, positional[0], { generatedBy: actor });
      if (!dossier) {
        console.error(`隐患不存在 / no hazard ${positional[0]}`);
        return 1;
      }
      const out = options.out ?? dossier.fileName;
      await pipeline(dossier.stream as Readable, createWriteStream(out));
      await new ChainAppender(key).appendAlone(ds, AUDIT_CHAIN, {
        user_id: actor.userId,
        username: actor.username,
        event_type: 'dossier.export',
        object_type: 'hazard',
        object_id: positional[0],
        result: 'success',
        http_status: null,
        source_ip: null,
        request_id: null,
        detail: { via: 'cli', host: hostname(), out },
      });
      console.log(`dossier written: ${out} (${dossier.manifest.files.length} files, ${dossier.manifest.evidence.length} evidence)`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
