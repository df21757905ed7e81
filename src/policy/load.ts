import type { ChannelKindRules } from './channel-kind-rules.js';
import { SuretyError } from '../domain/errors.js';
import { compileSchema } from '../validation/ajv.js';
import { explainErrors } from '../validation/explain.js';
import { compilePolicy } from './compile.js';
import type { Path } from './problem-report.js';
import type { Policy } from './policy.js';
import { PolicySchema, type PolicyDocument } from './schema.js';
import { pathToText, pointerToPath, SourceMap } from './source-map.js';

export interface PolicyProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in the document, like commitments[2].target. */
  readonly path: string;
  readonly message: string;
}

export class PolicyError extends SuretyError {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(
      'invalid_input',
      `the policy has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`,
      problems.map((p) => ({ path: `${p.file}:${p.line}:${p.column}`, message: p.message })),
    );
  }
}

export const formatProblem = (p: PolicyProblem): string =>
  `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;

/**
 * Parses and checks a policy. Every problem comes back with its position, whether it is
 * YAML syntax, structure (the schema) or meaning (references, targets, calendars).
 */
export function parsePolicy(
  text: string,
  file: string,
  channelKinds: readonly ChannelKindRules[],
): { policy?: Policy; problems: PolicyProblem[] } {
  const { map, syntaxErrors } = SourceMap.parse(text);
  const problems: PolicyProblem[] = syntaxErrors.map((e) => ({
    file,
    line: e.position.line,
    column: e.position.column,
    path: '',
    message: e.message,
  }));
  if (problems.length > 0) return { problems };

  const report = (path: Path, message: string, key = false) => {
    const pos = map.positionOf(path, key);
    problems.push({ file, line: pos.line, column: pos.column, path: pathToText(path), message });
  };

  const data = map.data();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report([], 'a policy file is a YAML map with surety: 1, name and commitments at its top');
    return { problems };
  }
  const validate = compileSchema(PolicySchema);
  if (validate(data)) {
    const policy = compilePolicy(data as PolicyDocument, text, report, channelKinds);
    return policy ? { policy, problems } : { problems: sortProblems(problems) };
  }
  const broken: string[] = [];
  for (const d of explainErrors(validate.errors ?? [], data)) {
    const path = pointerToPath(d.path);
    broken.push(pathToText(path));
    report(path, d.message, d.message.startsWith('unknown field'));
  }
  // Check meaning too, so one pass shows every problem; parts already reported as
  // malformed are skipped (their knock-on effects would only repeat them).
  try {
    compilePolicy(
      data as PolicyDocument,
      text,
      (path, message, key) => {
        const where = pathToText(path);
        if (
          !broken.some(
            (b) =>
              where === b ||
              where.startsWith(`${b}.`) ||
              where.startsWith(`${b}[`) ||
              b.startsWith(`${where}.`) ||
              b.startsWith(`${where}[`),
          )
        ) {
          report(path, message, key);
        }
      },
      channelKinds,
    );
  } catch {
    // The structure is too broken to read further; the structural problems stand alone.
  }
  return { problems: sortProblems(problems) };
}

function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
