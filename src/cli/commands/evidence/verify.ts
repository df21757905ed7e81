import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';
import { outputOption } from '../../shared-options.js';

export function evidenceVerifyCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('verify')
    .description(
      'check a quarterly evidence pack offline: the signed manifest, every file, the audit chain in it; exit 1 naming what changed',
    )
    .argument('<pack>', 'the evidence directory (as `surety report quarterly` wrote it)')
    .option(
      '--key <file>',
      "the public key to trust (PEM, from /api/v1/audit/key or a report); without it the pack's own public-key.pem is used, which proves integrity but not origin",
    )
    .addOption(outputOption())
    .action(async (pack: string, opts) => {
      const [{ directoryReader }, { verifyEvidencePack }] = await Promise.all([
        import('../../../runtime/evidence-dir.js'),
        import('../../../reports/evidence-verify.js'),
      ]);
      let key: string | undefined;
      if (opts.key !== undefined) {
        try {
          key = readFileSync(resolve(String(opts.key)), 'utf8');
        } catch (err) {
          io.err(`--key: cannot read ${String(opts.key)}: ${(err as Error).message}\n`);
          setExit(EXIT.failed);
          return;
        }
      }
      const v = await verifyEvidencePack(directoryReader(resolve(pack)), key);
      if (opts.output === 'json') io.out(`${JSON.stringify(v, null, 2)}\n`);
      else if (v.ok)
        io.out(
          `evidence pack ${v.period} verified: ${v.files} files unchanged, ${v.tickets} tickets, ${v.auditEntries} audit entries chained to the signed head ${v.head}; key ${v.keyId?.slice(0, 16)}…${v.keyFromPack ? " (the pack's own: pass --key to check who signed it)" : ''}\n`,
        );
      else {
        for (const p of v.problems) io.err(`${p.file}: ${p.message}\n`);
        io.err(
          `evidence pack does NOT verify: ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}\n`,
        );
      }
      if (!v.ok) setExit(EXIT.failed);
    });
}
