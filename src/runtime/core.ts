import type { Logger } from 'pino';
import type { TimeSource } from '../domain/time.js';
import { loadPolicyFile } from './policy-file.js';
import type { Policy } from '../policy/policy.js';
import type { Caller, ServiceContext } from '../services/context.js';
import { syncContracts } from '../services/customers/sync-contracts.js';
import type { Store } from '../services/store/index.js';
import { openStore } from '../storage/open-store.js';
import type { Config } from './config.js';
import { systemTime } from './time.js';
import { loadAuditSigner } from './audit-key.js';
import { registerAuditKey } from '../services/audit/checkpoint.js';
import { adoptExistingRecord } from '../services/audit/adopt.js';
import type { AuditSigner } from '../services/audit/signer.js';
import { recordAndLoadTerms, startedBy } from './policy-versions.js';
import type { PolicyTerms } from '../services/policy/terms.js';

/** The running core without any shell: policy, store and time. CLI commands and the server share it. */
export interface Core {
  readonly policy: Policy;
  /** Every stored version of the policy by when it applies (a ticket is judged by its creation's). */
  readonly terms: PolicyTerms;
  readonly store: Store;
  readonly time: TimeSource;
  readonly storeDescription: string;
  /** Signs the audit log's checkpoints. */
  readonly signer: AuditSigner;
  /** Who runs this process ("system" for serve, "cli"), with the operating-system user. */
  readonly operator: Caller;
  context(caller: Caller): ServiceContext;
  close(): Promise<void>;
}

export async function openCore(
  config: Config,
  options: {
    time?: TimeSource;
    logger?: Logger;
    /** Who runs this process, for the policy version it stores: the server or the CLI. */
    startedBy?: 'system' | 'cli';
  } = {},
): Promise<Core> {
  const policy = loadPolicyFile(config.policyPath);
  const time = options.time ?? systemTime;
  const signer = loadAuditSigner(config.auditKeyPath);
  const { store, description } = await openStore({ url: config.db, dataDir: config.dataDir });
  const operator = startedBy(options.startedBy ?? 'cli');
  let terms: PolicyTerms;
  try {
    const adopted = await adoptExistingRecord(store, time.now());
    if (adopted > 0)
      options.logger?.info({ objects: adopted }, 'audit log begun: the existing record adopted');
    await registerAuditKey(store, signer, time.now());
    terms = await recordAndLoadTerms(
      { store, policy, time, caller: operator },
      config.policyPath,
      options.logger,
    );
    await syncContracts(store, policy, time.now());
  } catch (err) {
    await store.close();
    throw err;
  }
  options.logger?.info(
    { policy: config.policyPath, commitments: policy.commitments.length, store: description },
    'core ready',
  );
  return {
    policy,
    terms,
    store,
    time,
    storeDescription: description,
    signer,
    operator,
    context: (caller) => ({ store, policy, terms, time, caller }),
    close: () => store.close(),
  };
}
