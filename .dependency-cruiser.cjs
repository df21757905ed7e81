// The import rules of ARCHITECTURE.md, checked by `npm run lint` (and so by `npm test` and CI).
// Each rule names what may not import what; a violation prints both files and the rule's comment.

const STAGES = '^src/(policy|evaluate|consequences|sources|reports)/';
const SHELLS_AND_ADAPTERS = '^src/(storage|http|cli|runtime|services)/';
const DRIVERS = '^(pg|pg-[a-z-]+|better-sqlite3|kysely)$';
const IO = '^node:(fs|fs/promises|net)$|^(fs|fs/promises|net)$';

/** The folders a layer may import besides itself, everything under src/ else being refused. */
function onlyImports(layer, allowed, comment) {
  const others = allowed.length > 0 ? `(?!(${[layer, ...allowed].join('|')})/)` : `(?!${layer}/)`;
  return {
    name: `${layer}-imports-only-${allowed.length > 0 ? allowed.join('-') : 'itself'}`,
    comment,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: `^src/${others}` },
  };
}

module.exports = {
  forbidden: [
    onlyImports('domain', [], 'domain/ is the shared vocabulary: it imports nothing of ours.'),
    onlyImports(
      'validation',
      ['domain'],
      'validation/ (schema helpers) sits under everything that parses input.',
    ),
    onlyImports(
      'policy',
      ['domain', 'validation'],
      'policy/ compiles the guarantee file; the stages read it, it reads none of them.',
    ),
    onlyImports(
      'sources',
      ['domain', 'validation', 'policy'],
      'sources/ turn outside facts into events; they know the policy, not the stages after them.',
    ),
    onlyImports(
      'evaluate',
      ['domain', 'validation', 'policy'],
      'evaluate/ is pure: events + policy + now → verdicts. It never reaches back into sources.',
    ),
    onlyImports(
      'consequences',
      ['domain', 'validation', 'policy', 'evaluate'],
      'consequences/ act on verdicts; they do not parse sources or build reports.',
    ),
    onlyImports(
      'reports',
      ['domain', 'validation', 'policy', 'evaluate'],
      'reports/ are models and renderers over facts handed to them.',
    ),
    onlyImports(
      'demo',
      ['domain', 'validation', 'policy'],
      'demo/ generates plausible signals; the demo verb in services stores them.',
    ),
    onlyImports(
      'adapters',
      ['domain', 'validation', 'policy', 'sources', 'evaluate', 'consequences', 'reports'],
      'adapters/ implement, with real I/O, interfaces the stages declare; they know no services, storage or shells.',
    ),
    {
      name: 'adapters-only-from-runtime',
      comment: 'Only runtime/ builds adapters and hands them to the services and shells.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(adapters|runtime)/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'logger-only-in-runtime-and-http',
      comment:
        'The logger is built by runtime/ (and handed to Fastify by http/); the core reports by returning or throwing.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(runtime|http)/' },
      to: { path: '^pino$' },
    },
    {
      name: 'stages-no-adapters-or-shells',
      comment:
        'policy, evaluate, consequences, sources and reports know nothing of storage, the shells or the runtime.',
      severity: 'error',
      from: { path: STAGES },
      to: { path: SHELLS_AND_ADAPTERS },
    },
    {
      name: 'stages-no-drivers-or-io',
      comment:
        'policy, evaluate, consequences, sources and reports never open files, sockets or databases: runtime hands them what they need.',
      severity: 'error',
      from: { path: STAGES },
      to: { path: `${DRIVERS}|${IO}`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-no-storage',
      comment:
        'services/ declare the Store they need; storage/ implements it and only runtime/ plugs it in.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: `^src/(storage|http|cli|runtime)/|${DRIVERS}` },
    },
    {
      name: 'drivers-only-in-storage',
      comment: 'Database drivers and Kysely are storage/ business.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/storage/' },
      to: { path: DRIVERS },
    },
    {
      name: 'storage-only-from-runtime',
      comment: 'Only runtime/ builds adapters: nothing else under src/ opens a store.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(storage|runtime)/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'migrations-frozen',
      comment:
        'A migration does tomorrow what it did when written: it imports only migrations/ (frozen copies included) and the dialects, never live code that may change.',
      severity: 'error',
      from: { path: '^src/storage/migrations/' },
      to: {
        path: '^src/',
        pathNot: '^src/storage/(migrations|dialects)/',
      },
    },
    {
      name: 'shells-apart',
      comment: 'http/ and cli/ are separate shells over the services; neither imports the other.',
      severity: 'error',
      from: { path: '^src/(http|cli)/' },
      to: { path: '^src/(http|cli)/', pathNot: '^src/$1/' },
    },
    {
      name: 'http-not-runtime',
      comment: 'http/ is handed its dependencies by runtime/; it never builds them.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'src-not-tests',
      comment: 'Nothing under src/ imports tests or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'web-apart',
      comment: 'The dashboard is its own bundle: it speaks to the server over HTTP only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      name: 'no-circular',
      comment: 'Files that import each other in a loop cannot be understood one at a time.',
      severity: 'error',
      from: { path: '^(src|web)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
