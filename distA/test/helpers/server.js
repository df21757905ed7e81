import { resolveConfig } from '../../src/runtime/config.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startServer } from '../../src/runtime/server-app.js';
import { ManualTime } from '../../src/runtime/time.js';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
const silent = createLogger('silent');
/**
 * A real Surety server on a loopback port, on a fresh database, with a clock the test
 * moves by hand and the background sweep off (tests run it when they mean to).
 */
export async function startTestServer(db, options = {}) {
    const location = await db.fresh();
    const time = new ManualTime(Date.parse(options.now ?? '2026-10-05T08:00:00Z'));
    const config = {
        ...resolveConfig({ port: '0', dataDir: location.dataDir, db: location.url, adminToken: ADMIN_TOKEN, policy: options.policy, maxSeries: options.maxSeries?.toString() }, options.env ?? {}),
    };
    const app = await startServer(config, { time, logger: options.logger ?? silent, sweepIntervalMs: 0 });
    const call = async (method, path, body, headers) => {
        const res = await fetch(`${app.url}${path}`, { method, headers, body });
        const text = await res.text();
        let parsed = text;
        try {
            parsed = text === '' ? undefined : JSON.parse(text);
        }
        catch {
            /* not JSON: keep the text */
        }
        return { status: res.status, body: parsed, headers: res.headers };
    };
    return {
        app,
        url: app.url,
        time,
        location: { url: location.url, dataDir: location.dataDir },
        api(method, path, body, token = ADMIN_TOKEN) {
            const headers = {};
            if (token !== null)
                headers.authorization = `Bearer ${token}`;
            if (body !== undefined)
                headers['content-type'] = 'application/json';
            return call(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
        },
        raw(method, path, body, headers = {}) {
            return call(method, path, body, { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers });
        },
        async close() {
            await app.close();
            await location.cleanup();
        },
    };
}
//# sourceMappingURL=server.js.map