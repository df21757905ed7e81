import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { configFrom, withCoreOptions } from '../../shared-options.js';
import type { CliIo } from '../../io.js';

/** `surety report daily|weekly|monthly|quarterly --date D --format html|pdf --out FILE` */
export function reportCommand(io: CliIo): Command {
  return withCoreOptions(new Command('report'))
    .description(
      'a quality report: daily (2026-10-05), weekly trend (2026-W41), monthly review (2026-10) or quarterly assessment pack (2026-Q4)',
    )
    .addArgument(
      new Argument('<kind>', 'which report').choices(['daily', 'weekly', 'monthly', 'quarterly']),
    )
    .requiredOption('--date <period>', 'the day, ISO week, month or quarter the report covers')
    .addOption(
      new Option('--format <format>', 'html, pdf, or json (the report model)')
        .choices(['html', 'pdf', 'json'])
        .default('html'),
    )
    .requiredOption('--out <file>', 'where to write the report')
    .addOption(
      new Option('--lang <lang>', 'en or zh (Chinese)').choices(['en', 'zh']).default('en'),
    )
    .option('--customer <id>', 'one customer only, with its own targets')
    .option(
      '--evidence <dir>',
      'quarterly: where the evidence files go (default: next to --out, named <out>-evidence)',
    )
    .addOption(new Option('--chromium <path>', 'headless Chromium for PDF').env('SURETY_CHROMIUM'))
    .action(async (kind: string, opts) => {
      const [
        { openCore },
        { generateReport },
        { pdfPrinter },
        { availabilityCreditFacts },
        { directorySink },
      ] = await Promise.all([
        import('../../../runtime/core.js'),
        import('../../../services/reports/generate.js'),
        import('../../../runtime/pdf-printer.js'),
        import('../../../services/availability/credit-facts.js'),
        import('../../../runtime/evidence-dir.js'),
      ]);
      const config = configFrom(opts);
      const core = await openCore(config);
      try {
        const input = {
          kind,
          date: opts.date,
          format: opts.format,
          lang: opts.lang,
          ...(opts.customer ? { customer: opts.customer } : {}),
        };
        const out = resolve(opts.out);
        const dir =
          kind === 'quarterly'
            ? resolve(opts.evidence ?? `${out.replace(/\.[a-z]+$/i, '')}-evidence`)
            : undefined;
        const report = await generateReport({
          ctx: core.context(core.operator),
          input,
          pdf: pdfPrinter(config),
          availability: availabilityCreditFacts(core.store, core.policy, core.time),
          signer: core.signer,
          evidence: dir === undefined ? undefined : directorySink(dir),
        });
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, report.body);
        io.out(`${kind} report ${opts.date} written to ${out}\n`);
        if (report.pack) {
          const bytes = report.pack.files.reduce((n, f) => n + f.bytes, 0);
          const c = report.pack.counts;
          io.out(
            `evidence pack written to ${dir}: ${report.pack.files.length} files, ${bytes} bytes; ${c.tickets} tickets, ${c.events} events (${c.lateEntries} late), ${c.corrections} corrections, ${c.signals} signals, ${c.incidents} incidents, ${c.creditLines} credit lines, ${c.auditEntries} audit entries; manifest.json signed (manifest.sig)\n`,
          );
        }
      } finally {
        await core.close();
      }
    });
}
