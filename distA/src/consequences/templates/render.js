import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { formatDuration } from '../../domain/duration.js';
import { BUILTIN_TEMPLATES } from './builtin.js';
const engine = Handlebars.create();
const compiled = new Map();
function compile(source) {
    let t = compiled.get(source);
    if (!t) {
        // strict: a field the event does not have is an error to report, not an empty string.
        t = engine.compile(source, { strict: true, noEscape: true });
        if (compiled.size > 1000)
            compiled.clear();
        compiled.set(source, t);
    }
    return t;
}
function helpers(timezone, language) {
    return {
        time: (v) => {
            const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
            if (!Number.isFinite(t))
                return String(v ?? '');
            return DateTime.fromMillis(t, { zone: timezone }).toFormat(language === 'zh' ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm') + ` (${timezone})`;
        },
        percent: (v) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : String(v ?? '')),
        duration: (v) => (typeof v === 'number' ? formatDuration(v) : String(v ?? '')),
    };
}
function renderWith(t, ctx, h) {
    const opts = { helpers: h };
    return { title: compile(t.title)(ctx, opts).trim(), body: compile(t.body)(ctx, opts).trim() };
}
/**
 * Renders a message for an event type in a language: the policy's template first, then the
 * built-in one for the type, then the generic one. A template that refers to a field the
 * event lacks does not lose the message: the next one stands in, and the error is returned
 * for the delivery log.
 */
export function renderMessage(policyTemplates, type, language, ctx, timezone) {
    const h = helpers(timezone, language);
    const candidates = [
        [`policy template "${type}" (${language})`, policyTemplates.get(type)?.[language]],
        [`built-in template "${type}" (${language})`, BUILTIN_TEMPLATES[type]?.[language]],
        [`built-in template "generic" (${language})`, BUILTIN_TEMPLATES.generic[language]],
    ];
    const errors = [];
    for (const [what, t] of candidates) {
        if (!t)
            continue;
        try {
            const out = renderWith(t, ctx, h);
            return errors.length > 0 ? { ...out, templateError: errors.join('; ') } : out;
        }
        catch (err) {
            errors.push(`${what} cannot be rendered: ${explain(err)}`);
        }
    }
    // Only a broken built-in could get here; the message still goes out.
    return { title: `${ctx.event.type}: ${ctx.event.subject.type} ${ctx.event.subject.id}`, body: `${ctx.event.type} at ${ctx.event.at}`, templateError: errors.join('; ') };
}
function explain(err) {
    const m = /"([^"]+)" not defined in/.exec(err.message);
    const where = /- (\d+):(\d+)/.exec(err.message);
    if (m)
        return `it refers to "${m[1]}", which this event does not have${where ? ` (line ${where[1]}, column ${where[2]})` : ''}`;
    return err.message.split('\n')[0];
}
//# sourceMappingURL=render.js.map