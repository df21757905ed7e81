import { htmlToPdf } from '../adapters/pdf/chromium-pdf.js';
import type { PdfPrinter } from '../services/reports/generate.js';
import type { Config } from './config.js';

/** The PDF printer of this installation: headless Chromium at the configured path. */
export function pdfPrinter(config: Pick<Config, 'chromiumPath'>): PdfPrinter {
  return (html, footer) => htmlToPdf(html, { chromium: config.chromiumPath, footer });
}
