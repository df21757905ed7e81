import Handlebars from 'handlebars';
import type { Language } from '../../domain/localized.js';
import type { MessageTemplate } from '../notifications.js';
import type { Report } from '../problem-report.js';
import type { NotificationsDocument } from '../schema-notifications.js';

/** notifications.templates: a message per signal type and language, each checked to parse. */
export function compileTemplates(
  doc: NotificationsDocument | undefined,
  problem: Report,
): Map<string, Partial<Record<Language, MessageTemplate>>> {
  const templates = new Map<string, Partial<Record<Language, MessageTemplate>>>();
  for (const [type, byLanguage] of Object.entries(doc?.templates ?? {})) {
    for (const [lang, t] of Object.entries(byLanguage)) {
      for (const part of ['title', 'body'] as const) {
        try {
          Handlebars.parse(t![part]);
        } catch (err) {
          problem(
            ['notifications', 'templates', type, lang, part],
            `the template does not parse: ${(err as Error).message.split('\n')[0]}`,
          );
        }
      }
    }
    templates.set(type, byLanguage as Partial<Record<Language, MessageTemplate>>);
  }
  return templates;
}
