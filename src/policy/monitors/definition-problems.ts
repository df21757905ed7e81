import { parseDuration, type Millis } from '../../domain/duration.js';
import type { ErrorDetail } from '../../domain/errors.js';
import { describe } from '../../validation/explain.js';

/**
 * Collects what is wrong with one monitor definition, as JSON pointers under `base`.
 * Meaning checks run after the schema and skip any field the schema already complained
 * about, so each field is reported once, with its most specific problem.
 */
export class DefinitionProblems {
  readonly list: ErrorDetail[] = [];

  constructor(
    private readonly def: Record<string, unknown>,
    readonly base: string,
  ) {}

  /** The pointer to a field of the definition (or deeper, with more keys). */
  path(...keys: string[]): string {
    return this.base + keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  }

  has(path: string): boolean {
    return this.list.some((p) => p.path === path);
  }

  add(path: string, message: string): void {
    if (this.has(path)) return;
    this.list.push({ path, message });
  }

  /** A field's value when it has the wanted type; undefined when absent or mistyped (the schema said so). */
  string(key: string): string | undefined {
    const v = this.def[key];
    return typeof v === 'string' ? v : undefined;
  }

  integer(key: string, fallback: number): number {
    const v = this.def[key];
    return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.def[key];
    return typeof v === 'boolean' ? v : fallback;
  }

  /** A duration field in ms, its default when absent; reports unparsable or too small values. */
  duration(key: string, fallback: Millis, min: Millis, minText: string): Millis {
    const raw = this.def[key];
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string') return fallback;
    const ms = parseDuration(raw);
    if (ms === undefined) {
      this.add(
        this.path(key),
        `${describe(raw)} is not a duration; write it like 500ms, 30s, 5m, 1h or 14d`,
      );
      return fallback;
    }
    if (ms < min) this.add(this.path(key), `must be at least ${minText} (got ${raw})`);
    return ms;
  }
}
