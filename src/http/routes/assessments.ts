import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CreateAssessmentInput, createAssessment } from '../../services/assessments/create.js';
import { getAssessment } from '../../services/assessments/get.js';
import { ListAssessmentsInput, listAssessments } from '../../services/assessments/list.js';
import type { ContextFor } from '../context-for.js';
import { replies } from '../replies/components.js';

const Params = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'an assessment id' }) },
  { additionalProperties: false },
);

/** The quarterly third-party assessments: recorded by the assessor (or an admin), read by staff and assessors. */
export function assessmentRoutes(api: FastifyInstance, contextFor: ContextFor) {
  api.post(
    '/assessments',
    {
      schema: {
        summary: "Record a quarter's third-party assessment (auditor, admin)",
        tags: ['assessments'],
        body: CreateAssessmentInput,
        response: { 201: replies('Assessment')[200] },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createAssessment({ ctx: contextFor(request), input: request.body });
    },
  );
  api.get(
    '/assessments',
    {
      schema: {
        summary: 'The recorded assessments, newest first (staff, auditors)',
        tags: ['assessments'],
        querystring: ListAssessmentsInput,
        response: replies('AssessmentList'),
      },
    },
    async (request) => listAssessments({ ctx: contextFor(request), input: request.query }),
  );
  api.get<{ Params: { id: string } }>(
    '/assessments/:id',
    {
      schema: {
        summary: 'One assessment with its findings',
        tags: ['assessments'],
        params: Params,
        response: replies('Assessment'),
      },
    },
    async (request) =>
      getAssessment({ ctx: contextFor(request), input: { id: Number(request.params.id) } }),
  );
}
