/**
 * The compiled `notifications` and `credits` sections of a policy: who is told what, through
 * which channels, in what order; and how service credits are counted. Read by the
 * consequences stage; every reference here is resolved and checked at load.
 */
export const CHANNEL_TYPES = ['email', 'webhook', 'slack', 'teams', 'feishu', 'dingtalk', 'wecom', 'log'];
export const SEVERITIES = ['critical', 'error', 'warning', 'info'];
export const EMPTY_NOTIFICATIONS = {
    language: 'en',
    channels: new Map(),
    people: new Map(),
    teams: new Map(),
    schedules: new Map(),
    quietHours: new Map(),
    escalations: new Map(),
    routes: [],
    templates: new Map(),
    maxAgeMs: 24 * 3_600_000,
};
//# sourceMappingURL=notifications.js.map