import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { SuretyError } from '../../../domain/errors.js';
import type { CliIo } from '../../io.js';
import { assessmentDetail } from '../../formatters/assessments.js';
import { coreCommand } from '../../core-command.js';

/** The file's JSON, or an `invalid_input` that says which file and why. */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SuretyError(
      'invalid_input',
      `${file}: cannot read it: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SuretyError('invalid_input', `${file}: not valid JSON: ${(err as Error).message}`);
  }
}

/** `surety assessments add --file F.json`: POST /api/v1/assessments against the database, as the admin "cli". */
export function assessmentsAddCommand(io: CliIo): Command {
  return coreCommand(
    io,
    new Command('add')
      .description(
        "record a quarter's third-party assessment from a JSON file: { period, assessor, organisation, scope, findings, verdict, date }",
      )
      .requiredOption('--file <file>', 'the assessment, as POST /api/v1/assessments takes it'),
    async (ctx, _a, o) =>
      (await import('../../../services/assessments/create.js')).createAssessment({
        ctx,
        input: readJson(String(o.file)),
      }),
    assessmentDetail,
  );
}
