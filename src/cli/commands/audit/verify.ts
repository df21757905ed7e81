import { Command } from 'commander';
import { invalidInput } from '../../../domain/errors.js';
import { EXIT } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';

/** "SEQ:HASH", as a report prints it. */
export function parseHead(text: string): { seq: number; hash: string } {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!m)
    throw invalidInput(
      `--head: "${text}" is not a head; give SEQ:HASH as a report prints it (like 1234:9f86d0…, 64 hex digits)`,
    );
  return { seq: Number(m[1]), hash: m[2]! };
}

export function auditVerifyCommand(io: CliIo, setExit: (code: number) => void): Command {
  return withCoreOptions(new Command('verify'))
    .description(
      "recompute the audit log's chain and signatures and re-digest every audited object; exit 1 naming what was changed behind Surety's back",
    )
    .option('--head <SEQ:HASH>', 'also prove the log up to this head (from a report) is unchanged')
    .addOption(outputOption())
    .action(async (opts) => {
      const head = opts.head === undefined ? undefined : parseHead(String(opts.head));
      const [{ openCore }, { verifyAudit }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/audit/verify.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const v = await verifyAudit({ store: core.store, quotedHead: head });
        if (opts.output === 'json') io.out(`${JSON.stringify(v, null, 2)}\n`);
        else {
          for (const p of v.problems) io.err(`${p.message}\n`);
          const summary = `${v.entries} entries, ${v.checkpoints} signed checkpoints, ${v.objects} objects; head ${v.head.seq}:${v.head.hash}`;
          if (v.ok)
            io.out(
              `audit log verified: ${summary}${head ? `; the quoted head ${head.seq} holds` : ''}\n`,
            );
          else
            io.err(
              `audit log does NOT verify: ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} (${summary})\n`,
            );
        }
        if (!v.ok) setExit(EXIT.failed);
      } finally {
        await core.close();
      }
    });
}
