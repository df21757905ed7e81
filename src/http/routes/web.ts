import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The dashboard's built files (dist/web, made by `npm ci`) at `/`. Public: the page itself
 * holds nothing; every figure comes from the API with the token the viewer signs in with.
 */
export async function webRoutes(app: FastifyInstance, root: string) {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The dashboard is not built: run `npm run build:web` (npm ci does it).'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });
  const page = { config: { public: true }, schema: { hide: true } } as const;
  app.get('/', page, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
  // Hashed file names: cached for good.
  app.get<{ Params: { '*': string } }>('/assets/*', page, async (request, reply) =>
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .sendFile(`assets/${request.params['*']}`),
  );
}
