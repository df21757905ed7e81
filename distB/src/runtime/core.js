import { loadPolicyFile } from '../policy/load.js';
import { syncContracts } from '../services/customers/sync-contracts.js';
import { openStore } from '../storage/open-store.js';
import { systemTime } from './time.js';
export async function openCore(config, options = {}) {
    const policy = loadPolicyFile(config.policyPath);
    const time = options.time ?? systemTime;
    const { store, description } = await openStore({ url: config.db, dataDir: config.dataDir });
    try {
        await syncContracts(store, policy, time.now());
    }
    catch (err) {
        await store.close();
        throw err;
    }
    options.logger?.info({ policy: config.policyPath, commitments: policy.commitments.length, store: description }, 'core ready');
    return {
        policy,
        store,
        time,
        storeDescription: description,
        context: (caller) => ({ store, policy, time, caller }),
        close: () => store.close(),
    };
}
//# sourceMappingURL=core.js.map