import type { Language } from '../../domain/localized.js';
import type { StoredNotification } from '../store/index.js';
import { type PageFacts } from '../alerts/facts.js';

export function footer(n: StoredNotification, page: PageFacts, language: Language): string {
  const parts: string[] = [];
  const a = page.alert;
  if (a && n.kind === 'page') {
    const level = a.levelName
      ? language === 'zh'
        ? `，级别 ${String(a.levelName)}`
        : `, level ${String(a.levelName)}`
      : '';
    parts.push(
      language === 'zh'
        ? `告警 #${String(a.id)}${level}。确认：surety alerts ack ${String(a.id)}`
        : `Alert #${String(a.id)}${level}. Acknowledge: surety alerts ack ${String(a.id)}`,
    );
  }
  for (const note of n.notes)
    parts.push(
      language === 'zh' ? `（改由此通道发送，因为 ${note}）` : `(Sent here because ${note})`,
    );
  if (n.kind === 'page' && a && typeof a.openedAt === 'string')
    parts.push(language === 'zh' ? `开启于 ${a.openedAt}` : `Opened ${a.openedAt}`);
  return parts.join(' ');
}
