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

/** The running core without any shell: policy, store and time. CLI commands and the server share it. */
export interface Core {
  readonly policy: Policy;
  readonly store: Store;
  readonly time: TimeSource;
  readonly storeDescription: string;
  /** Signs the audit log's checkpoints. */
  readonly signer: AuditSigner;
  context(caller: Caller): ServiceContext;
  close(): Promise<void>;
}

export async function openCore(
  config: Config,
  options: { time?: TimeSource; logger?: Logger } = {},
): Promise<Core> {
  const policy = loadPolicyFile(config.policyPath);
  const time = options.time ?? systemTime;
  const signer = loadAuditSigner(config.auditKeyPath);
  const { store, description } = await openStore({ url: config.db, dataDir: config.dataDir });
  try {
    const adopted = await adoptExistingRecord(store, time.now());
    if (adopted > 0)
      options.logger?.info({ objects: adopted }, 'audit log begun: the existing record adopted');
    await registerAuditKey(store, signer, time.now());
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
    store,
    time,
    storeDescription: description,
    signer,
    context: (caller) => ({ store, policy, time, caller }),
    close: () => store.close(),
  };
}
