// The dashboard's API types are generated from the server's OpenAPI document: the committed
// web/src/api/schema.d.ts must be what `npm run openapi` writes today, and the replies the
// dashboard reads must be what the document's schemas say.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { openapiDocument } from '../../src/http/openapi.js';
import { createLogger } from '../../src/runtime/logger.js';
import { PACKAGE_ROOT } from '../../src/runtime/paths.js';
import { testDatabases } from '../helpers/databases.js';
import { startDemoServer } from '../helpers/demo-server.js';
import type { TestServer } from '../helpers/server.js';

const script = await import(pathToFileURL(join(PACKAGE_ROOT, 'scripts', 'openapi.mjs')).href);

it('web/src/api/schema.d.ts is up to date with the OpenAPI document', async () => {
  const fresh: string = await script.schemaTypes();
  const committed = readFileSync(script.SCHEMA_FILE, 'utf8');
  assert.ok(
    committed === fresh,
    'web/src/api/schema.d.ts is stale: the API changed; run `npm run openapi` and commit it',
  );
});

const [sqlite] = await testDatabases();
describe("the dashboard's replies match the OpenAPI document", () => {
  let s: TestServer & { customerToken: string };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  before(async () => {
    s = await startDemoServer(sqlite!, { days: 35, ticketsPerDay: 8 });
    ajv.addSchema(await openapiDocument(createLogger('silent')), 'api');
  });
  after(() => s?.close());

  // Each read, and whether a customer may make it too.
  const READS: Array<[string, string, 'staff' | 'everyone']> = [
    ['/whoami', 'Whoami', 'everyone'],
    ['/policy', 'PolicySummary', 'everyone'],
    ['/views/overview', 'Overview', 'everyone'],
    ['/compliance?month=2026-10', 'Compliance', 'everyone'],
    ['/tickets?order=newest&limit=200', 'TicketList', 'everyone'],
    ['/tickets?status=active&order=queue&limit=200', 'TicketList', 'everyone'],
    ['/credits?month=2026-10', 'CreditStatement', 'everyone'],
    ['/alerts?status=all&limit=200', 'AlertList', 'staff'],
    ['/incidents', 'IncidentList', 'everyone'],
    ['/monitors', 'MonitorList', 'everyone'],
    ['/improvements', 'ImprovementList', 'staff'],
    ['/policy/versions', 'PolicyVersionList', 'staff'],
    ['/months', 'MonthList', 'staff'],
  ];
  for (const [path, name, who] of READS)
    it(`GET ${path} is a ${name} (${who})`, async () => {
      const validate = ajv.getSchema(`api#/components/schemas/${name}`)!;
      for (const token of who === 'staff' ? [undefined] : [undefined, s.customerToken]) {
        const r = await s.api('GET', `/api/v1${path}`, undefined, token);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.ok(validate(r.body), `${path}: ${ajv.errorsText(validate.errors)}`);
      }
    });
});
