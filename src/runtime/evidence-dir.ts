import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { invalidInput } from '../domain/errors.js';
import type { PackReader } from '../reports/evidence-verify.js';
import type { EvidenceSink } from '../services/reports/evidence-sink.js';

/** An evidence pack written into a directory that is new or empty (no stale file may mix in). */
export function directorySink(dir: string): EvidenceSink {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw invalidInput(
      `evidence: the directory ${dir} is not empty; give a new one, so no file of another pack mixes in`,
    );
  mkdirSync(dir, { recursive: true });
  return {
    create(name) {
      const stream = createWriteStream(join(dir, name), { flags: 'wx' });
      const failed = once(stream, 'error').then(([err]) => {
        throw err;
      });
      failed.catch(() => {});
      return {
        async write(chunk) {
          if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
        },
        async end() {
          await Promise.race([new Promise<void>((r) => stream.end(() => r())), failed]);
        },
      };
    },
  };
}

/** A pack on disk, for `surety evidence verify`. */
export function directoryReader(dir: string): PackReader {
  if (!existsSync(dir)) throw invalidInput(`evidence: there is no directory ${dir}`);
  return {
    names: async () =>
      readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
        .sort(),
    has: async (name) => existsSync(join(dir, name)),
    chunks: (name) => createReadStream(join(dir, name)),
  };
}
