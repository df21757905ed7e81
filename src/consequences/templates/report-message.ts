import type { Language } from '../../domain/localized.js';

/** What a scheduled report's notification carries (its context in the outbox). */
export interface ReportNotice {
  readonly schedule: string;
  readonly kind: 'daily' | 'weekly' | 'monthly' | 'quarterly';
  readonly period: string;
  readonly format: 'pdf' | 'html';
  readonly fileName: string;
  readonly size: number;
  readonly customer: string | null;
  /** The policy's name in both languages. */
  readonly policyName: { readonly en: string; readonly zh: string };
  /** Where the report can be opened again, when the policy names Surety's address. */
  readonly link: string | null;
}

const NAMES = {
  en: {
    daily: 'Daily quality report',
    weekly: 'Weekly trend analysis',
    monthly: 'Monthly quality review',
    quarterly: 'Quarterly assessment pack',
  },
  zh: {
    daily: '每日服务质量报告',
    weekly: '每周趋势分析',
    monthly: '月度服务质量评审',
    quarterly: '季度评估资料包',
  },
} as const;

/** The message that goes with a scheduled report, in the report's language. Pure. */
export function reportMessage(
  r: ReportNotice,
  language: Language,
  attached: boolean,
): { title: string; body: string } {
  const name = NAMES[language][r.kind];
  const kb = Math.max(1, Math.round(r.size / 1024));
  if (language === 'zh') {
    return {
      title: `${name} ${r.period}${r.customer ? `（${r.customer}）` : ''}`,
      body: [
        `${r.policyName.zh}：${name}（${r.period}）已生成。`,
        attached ? `附件：${r.fileName}（${kb} KB）。` : `报告文件：${r.fileName}（${kb} KB）。`,
        ...(r.link ? [`在线查看：${r.link}`] : []),
        `计划：${r.schedule}`,
      ].join('\n'),
    };
  }
  return {
    title: `${name} ${r.period}${r.customer ? ` (${r.customer})` : ''}`,
    body: [
      `${r.policyName.en}: the ${name.toLowerCase()} for ${r.period} is ready.`,
      attached ? `Attached: ${r.fileName} (${kb} KB).` : `The report: ${r.fileName} (${kb} KB).`,
      ...(r.link ? [`Open it online: ${r.link}`] : []),
      `Schedule: ${r.schedule}`,
    ].join('\n'),
  };
}
