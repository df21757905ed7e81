import type { FastifyInstance } from 'fastify';
import { ListAuditInput, auditHead, auditKeys, listAudit } from '../../services/audit/list.js';
import type { AuditSigner } from '../../services/audit/signer.js';
import type { ContextFor } from '../context-for.js';

export function auditRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  signer: AuditSigner | undefined,
) {
  api.get(
    '/audit',
    {
      schema: {
        summary: 'The hash-chained audit log: every audited write, oldest first',
        tags: ['audit'],
        querystring: ListAuditInput,
      },
    },
    async (request) => listAudit({ ctx: contextFor(request), input: request.query }),
  );
  api.get(
    '/audit/head',
    {
      schema: {
        summary: "The log's head (sequence and hash) and its latest signed checkpoint",
        tags: ['audit'],
      },
    },
    async (request) => auditHead({ ctx: contextFor(request) }),
  );
  api.get(
    '/audit/key',
    {
      config: { public: true },
      schema: {
        summary:
          'The Ed25519 public key that signs audit checkpoints and evidence packs (public: anyone may verify)',
        tags: ['audit'],
        security: [],
      },
    },
    async (request) => auditKeys({ ctx: contextFor(request), signer }),
  );
}
