import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

/** Runs the repository's import rules over a small tree of the given files. */
function cruise(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'surety-imports-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(DEPCRUISE, ['src', '--config', CONFIG], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the import rules of ARCHITECTURE.md', () => {
  test('a clock importing storage fails, naming both files and the rule', () => {
    const r = cruise({
      'src/evaluate/clocks/clock.ts':
        "import { x } from '../../storage/sql-store.js';\nexport const y = x;\n",
      'src/storage/sql-store.ts': 'export const x = 1;\n',
    });
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /src\/evaluate\/clocks\/clock\.ts → src\/storage\/sql-store\.ts/);
    assert.match(r.output, /evaluate-imports-only/);
  });

  test('the same import the other way round is allowed', () => {
    const r = cruise({
      'src/storage/sql-store.ts':
        "import { y } from '../evaluate/clocks/clock.js';\nexport const x = y;\n",
      'src/evaluate/clocks/clock.ts': 'export const y = 1;\n',
    });
    assert.equal(r.status, 0, r.output);
  });

  test('the domain imports nothing of ours, services no storage, stages no sockets', () => {
    const r = cruise({
      'src/domain/ticket.ts': "import { p } from '../policy/policy.js';\nexport const t = p;\n",
      'src/policy/policy.ts': 'export const p = 1;\n',
      'src/services/tickets/create.ts':
        "import { s } from '../../storage/sql-store.js';\nexport const c = s;\n",
      'src/storage/sql-store.ts': 'export const s = 1;\n',
      'src/sources/probes/ping.ts': "import net from 'node:net';\nexport const n = net;\n",
    });
    assert.notEqual(r.status, 0);
    assert.match(
      r.output,
      /domain-imports-only-itself: src\/domain\/ticket\.ts → src\/policy\/policy\.ts/,
    );
    assert.match(
      r.output,
      /services-no-storage: src\/services\/tickets\/create\.ts → src\/storage\/sql-store\.ts/,
    );
    assert.match(r.output, /stages-no-drivers-or-io: src\/sources\/probes\/ping\.ts → net/);
  });

  test('files importing each other in a loop fail', () => {
    const r = cruise({
      'src/policy/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'src/policy/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    });
    assert.notEqual(r.status, 0);
    assert.match(r.output, /no-circular/);
  });
});
