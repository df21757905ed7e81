/** What add and cancel print: the one window they touched. */
export const windowLine = (w: { id: number; service: string; title: string }) =>
  `maintenance window ${w.id} for ${w.service}: ${w.title}\n`;
