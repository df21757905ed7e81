import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { DEFAULTS } from '../../src/runtime/config.js';

/**
 * The outside programs some tests need: headless Chromium (the dashboard end to end, PDF
 * reports), pdftotext (reading the PDFs back) and a CJK font (Chinese text in a PDF).
 * They are required when SURETY_TEST_BROWSER=1 (CI sets it); otherwise a test that needs a
 * missing one is reported as skipped with the reason, so a fresh machine still passes.
 */
export type Tool = 'chromium' | 'pdftotext' | 'cjk-font';

export interface BrowserNeed {
  /** Why the test is skipped, if it is: for node:test's `skip` option. */
  readonly skip: string | false;
  /** The Chromium to start: SURETY_CHROMIUM, else Debian's package. */
  readonly chromium: string;
  /**
   * Throws what is missing when the tools are required; call it first in the test (or the
   * hook that starts the browser) so the failure says what to install, not why a launch failed.
   */
  ensure(): void;
}

export const CHROMIUM = process.env.SURETY_CHROMIUM || DEFAULTS.chromiumPath;

function runs(file: string, args: string[]): string | undefined {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

const problems: Record<Tool, () => string | undefined> = {
  chromium() {
    try {
      accessSync(CHROMIUM, constants.X_OK);
      return undefined;
    } catch {
      return `Chromium not found at ${CHROMIUM}; set SURETY_CHROMIUM or install chromium`;
    }
  },
  pdftotext: () =>
    runs('pdftotext', ['-v']) === undefined
      ? 'pdftotext not found on PATH; install poppler-utils'
      : undefined,
  'cjk-font': () =>
    runs('fc-list', [':lang=zh', 'family'])?.trim()
      ? undefined
      : 'no CJK font found (fc-list :lang=zh); install fonts-wqy-zenhei',
};

const found = new Map<Tool, string | undefined>();
const problem = (tool: Tool) => {
  if (!found.has(tool)) found.set(tool, problems[tool]());
  return found.get(tool);
};

/** What a test needs of the browser and its companions; Chromium is always one of them. */
export function needsBrowser(...others: Exclude<Tool, 'chromium'>[]): BrowserNeed {
  const required = process.env.SURETY_TEST_BROWSER === '1';
  const missing = (['chromium', ...others] as Tool[])
    .map(problem)
    .filter((p): p is string => p !== undefined);
  const reason = missing.join('; ');
  return {
    skip: missing.length > 0 && !required ? reason : false,
    chromium: CHROMIUM,
    ensure() {
      if (missing.length > 0) throw new Error(`SURETY_TEST_BROWSER=1 is set, but ${reason}`);
    },
  };
}
