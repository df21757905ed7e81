import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuretyError } from '../../domain/errors.js';
import { escapeHtml } from '../../reports/render/html/h.js';

/** How Chromium is started: Debian's package, headless, with nothing reaching out to the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Prints an HTML page to PDF in headless Chromium (driven by playwright-core), in a fresh
 * profile that is removed afterwards. Page numbers go in the footer.
 */
export async function htmlToPdf(
  page: string,
  options: { chromium: string; footer?: string },
): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'surety-pdf-'));
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: options.chromium,
        headless: true,
        args: CHROMIUM_ARGS,
      });
    } catch (err) {
      throw new SuretyError(
        'unavailable',
        `PDF needs Chromium at ${options.chromium} (Debian: apt-get install chromium); it could not start: ${(err as Error).message.split('\n')[0]}`,
      );
    }
    const tab = await context.newPage();
    await tab.setContent(page, { waitUntil: 'load' });
    return await tab.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#777">${escapeHtml(options.footer ?? '')} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    });
  } finally {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
}
