import { dingtalkChannel } from '../consequences/channels/dingtalk.js';
import { emailChannel } from '../consequences/channels/email.js';
import { feishuChannel } from '../consequences/channels/feishu.js';
import { logChannel } from '../consequences/channels/log.js';
import { slackChannel } from '../consequences/channels/slack.js';
import { teamsChannel } from '../consequences/channels/teams.js';
import { webhookChannel } from '../consequences/channels/webhook.js';
import { wecomChannel } from '../consequences/channels/wecom.js';
import { invalidInput } from '../domain/errors.js';
/**
 * Builds the policy's channels: the one place concrete channel adapters are made. Settings
 * written as { env: NAME } are read here, and a missing variable stops the start with why.
 */
export function buildChannels(n, env, logger) {
    const built = new Map();
    for (const spec of n.channels.values())
        built.set(spec.name, buildChannel(resolve(spec, env), logger));
    return {
        get: (name) => built.get(name),
        async close() {
            await Promise.all([...built.values()].map((c) => c.close()));
        },
    };
}
export function buildChannel(s, logger) {
    switch (s.type) {
        case 'email':
            return emailChannel(s);
        case 'webhook':
            return webhookChannel(s);
        case 'slack':
            return slackChannel(s);
        case 'teams':
            return teamsChannel(s);
        case 'feishu':
            return feishuChannel(s);
        case 'dingtalk':
            return dingtalkChannel(s);
        case 'wecom':
            return wecomChannel(s);
        case 'log':
            return logChannel(s, logger.child({ component: 'notifications', channel: s.name }));
    }
}
function resolve(spec, env) {
    const read = (ref, field) => {
        if (ref === undefined)
            return undefined;
        if ('value' in ref)
            return ref.value;
        const v = env[ref.env];
        if (v === undefined || v === '')
            throw invalidInput(`notifications.channels.${spec.name}.${field} names the environment variable ${ref.env}, which is not set`);
        return v;
    };
    return {
        name: spec.name,
        type: spec.type,
        language: spec.language,
        timeoutMs: spec.timeoutMs,
        url: read(spec.url, 'url'),
        secret: read(spec.secret, 'secret'),
        headers: spec.headers,
        smtp: spec.smtp && { ...spec.smtp, password: read(spec.smtp.password, 'smtp.password') },
        from: spec.from,
        to: spec.to,
    };
}
//# sourceMappingURL=channels.js.map