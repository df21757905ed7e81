import { OverviewInput, overview } from '../../services/views/overview.js';
/** Read models the dashboard draws from (one request a screen). */
export function viewRoutes(api, contextFor) {
    api.get('/views/overview', { schema: { summary: 'Every commitment this month: value, target, colour, budget left, trend, open clocks', tags: ['views'], querystring: OverviewInput } }, async (request) => overview({ ctx: contextFor(request), input: request.query }));
}
//# sourceMappingURL=views.js.map