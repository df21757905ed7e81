import { Command, Option } from 'commander';
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { EXIT } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';

/** `surety detect`: scores a series offline, row for row, with the streaming detector. */
export function detectCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('detect')
    .description(
      'score every point of a time series for anomalies (timestamp,value CSV in, timestamp,value,anomaly_score CSV out)',
    )
    .addOption(
      new Option('--format <format>', 'input and output format').choices(['nab']).default('nab'),
    )
    .requiredOption(
      '--input <file>',
      'the series: CSV with a timestamp,value header (timestamps without a zone are UTC)',
    )
    .requiredOption(
      '--output <file>',
      'where to write timestamp,value,anomaly_score, one row per input row',
    )
    .action(async (opts: { input: string; output: string }) => {
      const [{ SeriesDetector }, csv] = await Promise.all([
        import('../../../evaluate/detectors/series-detector.js'),
        import('../../inputs/nab-csv.js'),
      ]);
      const problem = await scoreFile(opts.input, opts.output, new SeriesDetector(), csv);
      if (problem) {
        io.err(`${problem}\n`);
        setExit(EXIT.failed);
      }
    });
}

type NabCsv = typeof import('../../inputs/nab-csv.js');

/** Streams the input through the detector into the output; returns a problem naming file:line, if any. */
async function scoreFile(
  input: string,
  output: string,
  detector: { score(t: number, v: number): number },
  csv: NabCsv,
): Promise<string | undefined> {
  const stream = createReadStream(input, { encoding: 'utf8' });
  const opened = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const onError = (err: NodeJS.ErrnoException) => resolve(err);
    stream.once('error', onError);
    stream.once('open', () => {
      stream.off('error', onError);
      resolve(undefined);
    });
  });
  if (opened)
    return `${input}: cannot read it: ${opened.code === 'ENOENT' ? 'no such file' : opened.message}`;
  let fd: number;
  try {
    fd = openSync(output, 'w');
  } catch (err) {
    stream.destroy();
    return `${output}: cannot write it: ${(err as Error).message}`;
  }
  let problem: string | undefined;
  let cols: ReturnType<NabCsv['parseNabHeader']> | undefined;
  let lineNo = 0;
  let buffer = `${csv.NAB_OUTPUT_HEADER}\n`;
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      lineNo++;
      if (line.trim() === '') continue;
      if (cols === undefined) {
        cols = csv.parseNabHeader(line);
        if (typeof cols === 'string') {
          problem = `${input}:${lineNo}: ${cols}`;
          break;
        }
        continue;
      }
      const row = csv.parseNabRow(line, cols as Exclude<typeof cols, string>);
      if (typeof row === 'string') {
        problem = `${input}:${lineNo}: ${row}`;
        break;
      }
      const score = detector.score(row.timestampMs, row.value);
      buffer += `${row.timestampText},${row.valueText},${score === 0 ? '0' : score.toFixed(6)}\n`;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (!problem && cols === undefined)
      problem = `${input}: empty: expected a timestamp,value header`;
    if (!problem) writeSync(fd, buffer);
  } catch (err) {
    problem = `${input}: cannot read it: ${(err as Error).message}`;
  } finally {
    stream.destroy();
    closeSync(fd);
  }
  if (problem) {
    unlinkSync(output); // no half-written result that looks complete
    return problem;
  }
  return undefined;
}
