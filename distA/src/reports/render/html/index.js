import { strings } from '../../i18n.js';
import { dailyHtml } from './daily.js';
import { monthlyHtml } from './monthly.js';
import { quarterlyHtml } from './quarterly.js';
import { weeklyHtml } from './weekly.js';
/** A report model as one self-contained HTML page (inline styles, SVG charts), in either language. */
export function renderHtml(model, lang) {
    const c = { lang, s: strings(lang), zone: model.header.zone, currency: model.header.currency };
    switch (model.kind) {
        case 'daily':
            return dailyHtml(c, model);
        case 'weekly':
            return weeklyHtml(c, model);
        case 'monthly':
            return monthlyHtml(c, model);
        case 'quarterly':
            return quarterlyHtml(c, model);
    }
}
//# sourceMappingURL=index.js.map