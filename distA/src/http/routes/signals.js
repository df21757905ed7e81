import { ListSignalsInput, listSignals } from '../../services/signals/list.js';
export function signalRoutes(api, contextFor) {
    api.get('/signals', { schema: { summary: 'The event stream: warnings, breaches, recoveries and anomalies, after a cursor', tags: ['signals'], querystring: ListSignalsInput } }, async (request) => listSignals({ ctx: contextFor(request), input: request.query }));
}
//# sourceMappingURL=signals.js.map