import type { ChannelKind } from './channel-kind.js';
import { dingtalkKind } from './dingtalk.js';
import { emailKind } from './email.js';
import { feishuKind } from './feishu.js';
import { logKind } from './log.js';
import { slackKind } from './slack.js';
import { teamsKind } from './teams.js';
import { webhookKind } from './webhook.js';
import { wecomKind } from './wecom.js';

/** Every channel type there is. A new one is a file of its own and a line here (ARCHITECTURE.md). */
export const CHANNEL_KINDS: readonly ChannelKind[] = [
  emailKind,
  webhookKind,
  slackKind,
  teamsKind,
  feishuKind,
  dingtalkKind,
  wecomKind,
  logKind,
];
