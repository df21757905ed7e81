import { notFound } from '../../domain/errors.js';
import { requireRole } from '../authorize.js';
import { todayIn } from './dates.js';
import { improvementView } from './view.js';
export async function getImprovement({ ctx, input }) {
    requireRole(ctx.caller, ['admin', 'agent'], 'reading the improvement plan');
    const item = await ctx.store.improvements.get(input.id);
    if (!item)
        throw notFound(`there is no improvement item ${input.id}`);
    return improvementView(item, todayIn(ctx.policy.timezone, ctx.time.now()));
}
//# sourceMappingURL=get.js.map