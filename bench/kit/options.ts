/**
 * Command lines of the benchmarks: each declares its options once (name, kind, default, help)
 * and gets typed values and a `--help` made from the same declaration, over node's
 * util.parseArgs. Options are declared in camelCase and written in kebab-case
 * (`ticketsPerDay` is `--tickets-per-day`). A bad value prints what was wrong and the usage to
 * stderr and exits with 2, before anything has been started that would need cleaning up.
 */
import { parseArgs } from 'node:util';

interface Described {
  readonly help: string;
  /** What the value is called in the usage (`N`, `DIR`, `URL`). */
  readonly arg?: string;
}
export interface IntOption extends Described {
  readonly type: 'int';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
}
export interface NumberOption extends Described {
  readonly type: 'number';
  readonly default: number;
  readonly min?: number;
}
export interface StringOption extends Described {
  readonly type: 'string';
  readonly default?: string;
  /** An error message when the value will not do. */
  readonly check?: (value: string) => string | undefined;
}
export interface ChoiceOption<C extends string = string> extends Described {
  readonly type: 'choice';
  readonly choices: readonly C[];
  readonly default: C;
}
/** Off unless given; a default-on feature is declared as its negation (`noSweep`). */
export interface FlagOption extends Described {
  readonly type: 'flag';
}
export type OptionSpec = IntOption | NumberOption | StringOption | ChoiceOption | FlagOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S> = S extends { type: 'int' | 'number' }
  ? number
  : S extends { type: 'flag' }
    ? boolean
    : S extends { type: 'choice'; choices: readonly (infer C)[] }
      ? C
      : S extends { default: string }
        ? string
        : string | undefined;
export type OptionValues<S extends OptionSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface CommandLine<S extends OptionSpecs> {
  /** `node dist/bench/x.js [options]`: the first line of the usage. */
  readonly usage: string;
  readonly options: S;
  /** Said after the options in --help. */
  readonly notes?: string;
  /** Name of the operands the command takes (`FILE.cpuprofile`); none when absent. */
  readonly operands?: string;
}

const flagName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function argOf(spec: OptionSpec): string {
  if (spec.type === 'flag') return '';
  if (spec.type === 'choice') return ` ${spec.arg ?? spec.choices.join('|')}`;
  return ` ${spec.arg ?? (spec.type === 'string' ? 'VALUE' : 'N')}`;
}

/** The --help text: one entry per option, its help wrapped beside it, with its default. */
export function usageOf<S extends OptionSpecs>(cli: CommandLine<S>): string {
  const entries = Object.entries(cli.options).map(([key, spec]) => {
    const shown =
      spec.type === 'flag' || spec.default === undefined
        ? ''
        : ` (default ${typeof spec.default === 'number' ? String(spec.default) : spec.default})`;
    return { head: `--${flagName(key)}${argOf(spec)}`, text: `${spec.help}${shown}` };
  });
  const width = 26;
  const lines = [`usage: ${cli.usage}`, ''];
  for (const e of entries) {
    const words = e.text.split(/\s+/);
    const out: string[] = [];
    let line = '';
    for (const w of words) {
      if (line !== '' && line.length + 1 + w.length > 98 - width) {
        out.push(line);
        line = w;
      } else line = line === '' ? w : `${line} ${w}`;
    }
    out.push(line);
    const first = `  ${e.head}`;
    if (first.length < width) lines.push(`${first.padEnd(width)}${out.shift()}`);
    else lines.push(first);
    for (const rest of out) lines.push(`${' '.repeat(width)}${rest}`);
  }
  lines.push(`  ${'-h, --help'.padEnd(width - 2)}this text`);
  if (cli.notes) lines.push('', cli.notes);
  return `${lines.join('\n')}\n`;
}

function fail(cli: CommandLine<OptionSpecs>, message: string): never {
  process.stderr.write(`${message}\n\n${usageOf(cli)}`);
  process.exit(2);
}

function valueOf(cli: CommandLine<OptionSpecs>, key: string, spec: OptionSpec, raw: unknown) {
  const name = `--${flagName(key)}`;
  if (spec.type === 'flag') return raw === true;
  if (raw === undefined) return spec.default;
  const text = String(raw);
  switch (spec.type) {
    case 'int': {
      const min = spec.min ?? 0;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < min || n > max)
        fail(cli, `${name}: expected a whole number from ${min} to ${max}, got "${text}"`);
      return n;
    }
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || n < (spec.min ?? 0))
        fail(cli, `${name}: expected a number of at least ${spec.min ?? 0}, got "${text}"`);
      return n;
    }
    case 'choice':
      if (!spec.choices.includes(text))
        fail(cli, `${name}: expected ${spec.choices.join(', ')}, got "${text}"`);
      return text;
    case 'string': {
      const problem = spec.check?.(text);
      if (problem) fail(cli, `${name}: ${problem}, got "${text}"`);
      return text;
    }
  }
}

/** The options of `argv` (the process's own by default); exits after --help or a bad option. */
export function parseCommandLine<const S extends OptionSpecs>(
  cli: CommandLine<S>,
  argv: readonly string[] = process.argv.slice(2),
): { options: OptionValues<S>; operands: string[] } {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [key, spec] of Object.entries(cli.options))
    config[flagName(key)] = { type: spec.type === 'flag' ? 'boolean' : 'string' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: config,
      strict: true,
      allowPositionals: cli.operands !== undefined,
    });
  } catch (err) {
    fail(cli, (err as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(usageOf(cli));
    process.exit(0);
  }
  const options: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(cli.options))
    options[key] = valueOf(cli, key, spec, parsed.values[flagName(key)]);
  return { options: options as OptionValues<S>, operands: parsed.positionals };
}

/** parseCommandLine for a command without operands. */
export function parseOptions<const S extends OptionSpecs>(
  cli: CommandLine<S>,
  argv?: readonly string[],
): OptionValues<S> {
  return parseCommandLine(cli, argv).options;
}

/** For `check`: a PostgreSQL URL. */
export const postgresUrl = (v: string) =>
  /^postgres(ql)?:\/\//.test(v) ? undefined : 'expected postgres://…';
