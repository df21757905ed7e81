import type { Language } from '../../domain/localized.js';
import type { MessageTemplate } from '../../policy/notifications.js';

/**
 * The messages Surety sends unless the policy gives its own, per event type and language.
 * `generic` fits any signal (new types from new sources get it until they have their own).
 * Fields: see MessageContext in render.ts; helpers: time, percent, duration.
 */
export const BUILTIN_TEMPLATES: Readonly<Record<string, Record<Language, MessageTemplate>>> = {
  'clock.warning': {
    en: {
      title: '[warning] {{commitment.id}} due soon: ticket #{{ticket.id}} ({{customer.name}})',
      body: '{{commitment.name}}: {{percent event.data.threshold}} of the allowed time is used on ticket #{{ticket.id}} "{{ticket.subject}}" for {{customer.name}}. Due {{time event.data.dueAt}}.',
    },
    zh: {
      title: '【预警】{{commitment.id}} 即将超时：工单 #{{ticket.id}}（{{customer.name}}）',
      body: '{{commitment.name}}：工单 #{{ticket.id}}「{{ticket.subject}}」（{{customer.name}}）已用去 {{percent event.data.threshold}} 的承诺时限，截止时间 {{time event.data.dueAt}}。',
    },
  },
  'clock.breached': {
    en: {
      title:
        '{{#if alert.expedite}}[EXPEDITE] {{/if}}{{commitment.id}} breached: ticket #{{ticket.id}} ({{customer.name}})',
      body: '{{commitment.name}} was missed on ticket #{{ticket.id}} "{{ticket.subject}}" for {{customer.name}}: {{#if event.data.closedWithoutSolution}}it was closed at {{time event.at}} without a solution (due {{time event.data.dueAt}}){{else}}the deadline was {{time event.data.dueAt}}{{/if}}.{{#if alert.expedite}} The expedite channel is open: the ticket comes first in every queue and management is paged.{{/if}}',
    },
    zh: {
      title:
        '{{#if alert.expedite}}【加急】{{/if}}{{commitment.id}} 已超时：工单 #{{ticket.id}}（{{customer.name}}）',
      body: '工单 #{{ticket.id}}「{{ticket.subject}}」（{{customer.name}}）未达成「{{commitment.name}}」，{{#if event.data.closedWithoutSolution}}于 {{time event.at}} 未解决即关闭（截止时间 {{time event.data.dueAt}}）{{else}}截止时间为 {{time event.data.dueAt}}{{/if}}。{{#if alert.expedite}}已开启加急通道：该工单在所有队列中置顶，并已通知管理层介入。{{/if}}',
    },
  },
  'metric.breached': {
    en: {
      title: '[{{alert.severity}}] {{event.data.name.en}} breached',
      body: '{{event.data.name.en}} is {{event.data.value}} against the target {{event.data.target}} over {{time event.data.window.from}} – {{time event.data.window.to}}.',
    },
    zh: {
      title: '【{{alert.severity}}】{{event.data.name.zh}} 超出阈值',
      body: '{{event.data.name.zh}} 在 {{time event.data.window.from}} 至 {{time event.data.window.to}} 期间为 {{event.data.value}}，目标 {{event.data.target}}。',
    },
  },
  'metric.anomaly': {
    en: {
      title: '[warning] Anomaly in {{event.data.series.measurement}}.{{event.data.series.field}}',
      body: 'The value {{event.data.value}} at {{time event.at}} scored {{event.data.score}} (alerting from {{event.data.minScore}}).',
    },
    zh: {
      title: '【预警】{{event.data.series.measurement}}.{{event.data.series.field}} 出现异常',
      body: '{{time event.at}} 的值 {{event.data.value}} 异常评分为 {{event.data.score}}（告警阈值 {{event.data.minScore}}）。',
    },
  },
  'alert.resolved': {
    en: {
      title: 'Resolved: alert #{{alert.id}} ({{event.type}})',
      body: 'Alert #{{alert.id}} is resolved: {{alert.resolution}}.',
    },
    zh: {
      title: '已恢复：告警 #{{alert.id}}（{{event.type}}）',
      body: '告警 #{{alert.id}} 已解除：{{alert.resolution}}。',
    },
  },
  'notification.test': {
    en: {
      title: 'Surety test message',
      body: 'This is a test message from Surety through the channel {{channel}}, sent {{time sentAt}}.',
    },
    zh: {
      title: 'Surety 测试消息',
      body: '这是 Surety 通过通道 {{channel}} 发送的测试消息，发送时间 {{time sentAt}}。',
    },
  },
  generic: {
    en: {
      title: '[{{alert.severity}}] {{event.type}}: {{event.subject.type}} {{event.subject.id}}',
      body: '{{event.type}} at {{time event.at}}{{#if commitment}} for {{commitment.id}} {{commitment.name}}{{/if}}{{#if customer}}, customer {{customer.name}}{{/if}}.',
    },
    zh: {
      title: '【{{alert.severity}}】{{event.type}}：{{event.subject.type}} {{event.subject.id}}',
      body: '{{time event.at}} 发生 {{event.type}}{{#if commitment}}，承诺 {{commitment.id}} {{commitment.name}}{{/if}}{{#if customer}}，客户 {{customer.name}}{{/if}}。',
    },
  },
};
