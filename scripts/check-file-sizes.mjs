// Files under src/ stay small enough to read at once (ARCHITECTURE.md): a file over 300 lines
// must say at its top why it is kept whole, in a comment that contains "Kept whole:".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const LIMIT = 300;
const root = new URL('..', import.meta.url).pathname;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const offenders = [];
for (const file of walk(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines <= LIMIT) continue;
  // The reason must stand near the top (in the opening comment, or the one after the imports).
  const opening = text.split('\n').slice(0, 40).join('\n');
  if (!/Kept whole:/.test(opening)) offenders.push(`${relative(root, file)}: ${lines} lines`);
}
if (offenders.length > 0) {
  process.stderr.write(
    `These files are over ${LIMIT} lines without a "Kept whole: <why>" comment at their top:\n` +
      offenders.map((o) => `  ${o}\n`).join('') +
      'Split them by concern, or say at the top why they are one file.\n',
  );
  process.exitCode = 1;
}
