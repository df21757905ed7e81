import { htmlToPdf } from '../reports/render/pdf.js';
/** The PDF printer of this installation: headless Chromium at the configured path. */
export function pdfPrinter(config) {
    return (html, footer) => htmlToPdf(html, { chromium: config.chromiumPath, footer });
}
//# sourceMappingURL=pdf-printer.js.map