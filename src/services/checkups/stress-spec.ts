import { notFound } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';

export function specOf(ctx: ServiceContext, id: string) {
  const spec = ctx.policy.availability.stressTests.find((s) => s.id === id);
  if (!spec)
    throw notFound(
      `there is no stress test "${id}"; the policy declares ${ctx.policy.availability.stressTests.map((s) => s.id).join(', ') || 'none'}`,
    );
  return spec;
}
