import type { Logger } from 'pino';
import type { HttpDeps } from './server.js';
import { buildHttpServer } from './server.js';

/**
 * The OpenAPI document of the whole API, without a database or a port: routes only reach
 * their dependencies when a request comes, so stand-ins that are never called will do.
 * Every optional part (availability, ingestion) is switched on so its routes are in it.
 */
export async function openapiDocument(logger: Logger): Promise<Record<string, unknown>> {
  const unused = {} as never;
  const deps: HttpDeps = {
    store: unused,
    policy: unused,
    time: unused,
    adminTokenHash: undefined,
    logger,
    bodyLimitBytes: 1,
    pipeline: unused,
    probes: unused,
    availability: unused,
  };
  const app = await buildHttpServer(deps);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
