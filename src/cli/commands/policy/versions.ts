import { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { coreCommand } from '../../core-command.js';
import { versionText, versionsTable } from '../../formatters/terms.js';
import type { getPolicyVersion, listPolicyVersions } from '../../../services/policy/versions.js';

type Reply =
  Awaited<ReturnType<typeof listPolicyVersions>> | Awaited<ReturnType<typeof getPolicyVersion>>;

/** `surety policy versions [HASH]`: the stored versions (GET /policy/versions), or one's text. */
export function policyVersionsCommand(io: CliIo): Command {
  const cmd = new Command('versions')
    .description(
      'the policy versions Surety was started with, newest first (hash, effective from, loaded at and by); with a hash, that version’s text',
    )
    .argument('[hash]', 'a version’s hash, or its first characters');
  return coreCommand<Reply>(
    io,
    cmd,
    async (ctx, [hash]) => {
      const { listPolicyVersions, getPolicyVersion } =
        await import('../../../services/policy/versions.js');
      return hash === undefined
        ? listPolicyVersions({ ctx })
        : getPolicyVersion({ ctx, input: { hash } });
    },
    (r) => ('text' in r ? versionText(r) : versionsTable(r)),
  );
}
