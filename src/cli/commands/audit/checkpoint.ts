import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';

export function auditCheckpointCommand(io: CliIo): Command {
  return withCoreOptions(new Command('checkpoint'))
    .description("sign the audit log's head now (the server does it every hour)")
    .addOption(outputOption())
    .action(async (opts) => {
      const [{ openCore }, { checkpointAudit }, { checkpointView }] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/audit/checkpoint.js'),
        import('../../../services/audit/list.js'),
      ]);
      const core = await openCore(configFrom(opts));
      try {
        const c = await checkpointAudit(core.store, core.signer, core.time.now());
        if (opts.output === 'json')
          io.out(`${JSON.stringify(c ? checkpointView(c) : null, null, 2)}\n`);
        else
          io.out(
            c
              ? `signed head ${c.seq}:${c.hash} with key ${c.keyId.slice(0, 16)}…\n`
              : 'the audit log is empty: nothing to sign\n',
          );
      } finally {
        await core.close();
      }
    });
}
