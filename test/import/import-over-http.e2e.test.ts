import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { readCatalog } from '../../src/config/index.js';
import { main } from '../../scripts/import.js';
import { staff, startTestApi, TEST_MASTER_KEY, type TestApi } from '../support/api.js';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

/** `POST /imports`: the command line's import over HTTP, as a job of the running service. */

const SAMPLE = resolve('test/import/sample/nyc311-sample-999.csv');
const MAPPING = resolve('mappings/nyc311.json');
const CATALOG_FILE = resolve('mappings/nyc311-catalog.json');
const catalog = readCatalog(CATALOG_FILE);
/** Above the NYC sample (521 KB). */
const UPLOAD_LIMIT = 600 * 1024;

let dir: string;
let slicePath: string;
let slice: string;
/** The complaint ids the slice's good rows become, and the row numbers of its bad rows. */
let goodIds: string[];
const badRows = { 'unparseable-date': 41, 'malformed-row': 42, 'duplicate-case': 43 };

/** The sample's first 40 rows, then a row with a date that is none, a row cut short, and the second row again. */
function writeSlice(): void {
  const [header, ...rows] = parse(readFileSync(SAMPLE)) as string[][];
  const good = rows.slice(0, 40);
  const undated = [...good[0]!];
  undated[0] = '99990001';
  undated[1] = 'the first of March';
  slice = stringify([header!, ...good, undated, ['99990002', '03/01/2011 02:27:57 PM', 'DOF'], good[1]!]);
  slicePath = join(dir, 'nyc311-slice.csv');
  writeFileSync(slicePath, slice);
  goodIds = good.map((row) => `nyc311-${row[0]}`);
}

type Job = { id: string; state: string; summary: string | null; report: Record<string, unknown> | null; progress: Record<string, number | null>; rejects: string | null; startedAt: string | null; finishedAt: string | null };

async function upload(api: TestApi, as: TokenClaims | undefined, parts: { file?: string; fileName?: string; mapping?: string; mappingName?: string; fields?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: Job & { message?: string; errors?: { field: string; rule: string }[] } }> {
  const form = new FormData();
  if (parts.file !== undefined) form.append('file', new Blob([parts.file], { type: 'text/csv' }), parts.fileName ?? 'nyc311-slice.csv');
  if (parts.mapping !== undefined) form.append('mapping', new Blob([parts.mapping], { type: 'application/json' }), parts.mappingName ?? 'nyc311.json');
  for (const [name, value] of Object.entries(parts.fields ?? {})) form.append(name, value);
  const response = await fetch(`${api.url}/imports`, { method: 'POST', body: form, headers: as ? { authorization: `Bearer ${await api.token(as)}` } : {} });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}

/**
 * Each poll on a connection of its own: on the embedded store the projection runner holds the event
 * loop for seconds while it folds the imported cases, and a kept-alive connection can meet the
 * server's keep-alive timeout before its next request is read (ECONNRESET).
 */
const fresh = { connection: 'close' };

async function ended(api: TestApi, id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const { status, body } = await api.call('GET', `/imports/${id}`, { as: staff.office, headers: fresh });
    expect(status).toBe(200);
    if (body.state === 'done' || body.state === 'failed') return body as Job;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`import ${id} did not end`);
}

/** The case list (GET /complaints) once every id is in it: the read model has the imported cases. */
async function listedCases(api: TestApi, ids: string[]): Promise<string[]> {
  let listed: string[] = [];
  for (let i = 0; i < 300; i++) {
    const { status, body } = await api.call('GET', '/complaints?limit=100', { as: staff.office, headers: fresh });
    expect(status).toBe(200);
    listed = (body.items as { id: string }[]).map((item) => item.id);
    if (ids.every((id) => listed.includes(id))) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  return listed;
}

async function storedAppends(api: TestApi): Promise<number> {
  const { body } = await api.call('GET', '/metrics', { as: staff.admin });
  return Number(/^complaint_engine_appends_total\{result="stored"\} (\d+)$/m.exec(body as string)?.[1] ?? 0);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-http-'));
  writeSlice();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importing over HTTP on PostgreSQL', () => {
  let api: TestApi;
  const mapping = readFileSync(MAPPING, 'utf8');
  beforeAll(async () => {
    api = await startTestApi({ config: { catalog, imports: { maxUploadBytes: UPLOAD_LIMIT } } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('imports the slice as a job: the CLI’s counts and reject file, the cases in the case list, the import in the access log', async () => {
    const appendsBefore = await storedAppends(api);
    const submitted = await upload(api, staff.office, { file: slice, mapping });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/imports/${submitted.body.id}`);
    expect(['queued', 'running']).toContain(submitted.body.state);
    const job = await ended(api, submitted.body.id);
    expect(job).toMatchObject({ state: 'done', report: { rows: 43, imported: 40, rejected: 3, rejectedBy: { 'unparseable-date': 1, 'malformed-row': 1, 'duplicate-case': 1 } } });
    expect(job.progress).toMatchObject({ rowsRead: 43, imported: 40, rejected: 3, bytesRead: Buffer.byteLength(slice), totalBytes: Buffer.byteLength(slice) });

    // The command line on the same file, into a store of its own, says the same and writes the same reject file.
    const schema = uniqueSchemaName();
    const cliRejects = join(dir, 'cli.rejects.csv');
    let stdout = '';
    try {
      const code = await main(
        ['--file', slicePath, '--mapping', MAPPING, '--reject-file', cliRejects, '--quiet'],
        { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, CATALOG_FILE, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), DATA_DIR: dir },
        { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), progress: undefined },
      );
      expect(code).toBe(0);
    } finally {
      await dropSchema(schema);
    }
    expect(job.summary).toBe(stdout.replace(slicePath, 'nyc311-slice.csv').replace(cliRejects, `GET /imports/${job.id}/rejects`));

    const rejects = await fetch(`${api.url}${job.rejects}`, { headers: { authorization: `Bearer ${await api.token(staff.office)}` } });
    expect(rejects.status).toBe(200);
    // The source's cells are personal data: an admin, who may run the import, never reads them.
    expect(await api.call('GET', job.rejects!, { as: staff.admin })).toMatchObject({ status: 403 });
    expect(rejects.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(rejects.headers.get('content-disposition')).toContain('nyc311-slice.rejects.csv');
    const downloaded = await rejects.text();
    expect(downloaded).toBe(await readFile(cliRejects, 'utf8'));
    const rejected = (parse(downloaded, { columns: true, relax_column_count: true }) as Record<string, string>[]).map((r) => [r.reason, Number(r.row)]);
    expect(Object.fromEntries(rejected)).toEqual(badRows);

    const listed = await listedCases(api, goodIds);
    expect(goodIds.filter((id) => !listed.includes(id))).toEqual([]);
    expect(listed).not.toContain('nyc311-99990001');

    // The batches count in the metrics as the appends of commands do: one per case.
    expect((await storedAppends(api)) - appendsBefore).toBeGreaterThanOrEqual(40);

    const log = await api.call('GET', '/audit/access-log?action=import', { as: staff.admin });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ actorId: staff.office.sub, action: 'import', personalData: true, detail: expect.objectContaining({ importId: job.id, file: 'nyc311-slice.csv', mapping: 'nyc311.json', check: false }) }),
    ]);
  }, 120_000);

  it('runs one job at a time: a job submitted meanwhile waits, then shows its progress; a dry run stores nothing', async () => {
    const first = await upload(api, staff.admin, { file: slice, mapping, fileName: 'again.csv' });
    // 300 rows of the sample: long enough a run to be seen running.
    const rows300 = readFileSync(SAMPLE, 'utf8').split('\n').slice(0, 301).join('\n') + '\n';
    const second = await upload(api, staff.office, { file: rows300, fileName: 'nyc311-300.csv', mapping, fields: { check: 'true', proposeCatalog: 'true' } });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.state).toBe('queued');
    const early = await api.call('GET', `/imports/${second.body.id}/rejects`, { as: staff.office });
    expect(early).toMatchObject({ status: 409, body: { state: expect.stringMatching(/^(queued|running)$/) } });
    const running: Job[] = [];
    for (let i = 0; i < 3000; i++) {
      const { body } = await api.call('GET', `/imports/${second.body.id}`, { as: staff.office, headers: fresh });
      if (body.state === 'running') running.push(body);
      if (body.state === 'done' || body.state === 'failed') break;
      await new Promise((done) => setTimeout(done, 20));
    }
    const [a, b] = [await ended(api, first.body.id), await ended(api, second.body.id)];
    expect(Date.parse(b.startedAt!)).toBeGreaterThanOrEqual(Date.parse(a.finishedAt!));
    // Imported by the first test (when it ran): present, not twice.
    expect(a.report).toMatchObject({ rejected: 3 });
    expect(Number(a.report!.imported) + Number(a.report!.alreadyPresent)).toBe(40);
    expect(b.summary).toMatch(/^check \(nothing stored\): 300 rows from nyc311-300.csv: 300 would be imported, 0 rejected\n/);
    expect(b).toMatchObject({ proposedCatalog: { values: { categories: {}, departments: {} } } });
    // While it ran: rows read so far, their pace and the time left.
    expect(running.length).toBeGreaterThan(0);
    const midway = running.find((job) => (job.progress.rowsRead ?? 0) > 0);
    expect(midway?.progress).toMatchObject({ rowsPerSecond: expect.any(Number), etaSeconds: expect.any(Number), totalBytes: Buffer.byteLength(rows300) });
    expect(midway!.progress.rowsRead).toBeLessThan(300);
    expect(midway!.progress.rowsPerSecond).toBeGreaterThan(0);
    const { body } = await api.call('GET', '/imports', { as: staff.office });
    expect((body.jobs as Job[]).slice(0, 2).map((j) => j.id)).toEqual([b.id, a.id]);
  }, 120_000);

  it('refuses a handler (403) and anyone without a token (401), before reading the upload', async () => {
    expect((await upload(api, staff.handler, { file: slice, mapping })).status).toBe(403);
    expect((await upload(api, undefined, { file: slice, mapping })).status).toBe(401);
    expect((await api.call('GET', '/imports', { as: staff.handler })).status).toBe(403);
  });

  it('refuses a bad mapping with 400 naming the file, the JSON path and the rule, and starts no job', async () => {
    const before = (await api.call('GET', '/imports', { as: staff.office })).body.jobs.length;
    const bad = JSON.parse(mapping);
    bad.values.channels.PHONE = 'telephone';
    const refused = await upload(api, staff.office, { file: slice, mapping: JSON.stringify(bad), mappingName: 'bad-mapping.json' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'mapping', rule: expect.stringMatching(/^bad-mapping\.json: \$\.values\.channels\.PHONE: must be one of "visit"/) }]);
    const notJson = await upload(api, staff.office, { file: slice, mapping: '{', mappingName: 'broken.json' });
    expect(notJson.body.errors).toEqual([{ field: 'mapping', rule: expect.stringMatching(/^broken\.json: \$: is not JSON/) }]);
    const narrow = await upload(api, staff.office, { file: 'Unique Key,Created Date\n1,03/01/2011 02:27:57 PM\n', mapping });
    expect(narrow.body.errors).toEqual([{ field: 'file', rule: expect.stringMatching(/^nyc311-slice\.csv has no column "Closed Date" \(nyc311\.json: \$\.columns\.closedAt\), .*which the mapping reads$/) }]);
    const missing = await upload(api, staff.office, { mapping, fields: { check: 'maybe' } });
    expect(missing.body.errors).toEqual([{ field: 'file', rule: expect.stringContaining('is required') }, { field: 'check', rule: 'must be true or false' }]);
    expect((await api.call('GET', '/imports', { as: staff.office })).body.jobs.length).toBe(before);
  });

  it('refuses a second file or mapping part with 400 naming the part, and starts no job', async () => {
    const before = (await api.call('GET', '/imports', { as: staff.office })).body.jobs.length;
    const twice = async (part: 'file' | 'mapping') => {
      const form = new FormData();
      form.append('file', new Blob([slice], { type: 'text/csv' }), 'nyc311-slice.csv');
      form.append('mapping', new Blob([mapping], { type: 'application/json' }), 'nyc311.json');
      form.append(part, new Blob([part === 'file' ? slice : mapping]), `again-${part}`);
      const response = await fetch(`${api.url}/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await api.token(staff.office)}` } });
      return { status: response.status, body: (await response.json()) as { errors?: { field: string; rule: string }[] } };
    };
    expect(await twice('file')).toEqual({ status: 400, body: expect.objectContaining({ errors: [{ field: 'file', rule: 'only one file part is allowed' }] }) });
    expect(await twice('mapping')).toEqual({ status: 400, body: expect.objectContaining({ errors: [{ field: 'mapping', rule: 'only one mapping part is allowed' }] }) });
    expect((await api.call('GET', '/imports', { as: staff.office })).body.jobs.length).toBe(before);
  });

  it('refuses a file over the configured size with 413 saying the limit, and a body that is no form with 415', async () => {
    const sample = readFileSync(SAMPLE, 'utf8');
    const big = sample + sample.slice(sample.indexOf('\n') + 1);
    const refused = await upload(api, staff.office, { file: big, mapping });
    expect(refused.status).toBe(413);
    expect(refused.body.message).toBe('the file part is larger than 614400 bytes, the most this service takes (IMPORT_MAX_UPLOAD_MB): split the file, or raise the limit');
    const json = await api.call('POST', '/imports', { as: staff.office, body: { file: 'x' } });
    expect(json.status).toBe(415);
  });

  it('answers 404 for an unknown job and its reject file', async () => {
    expect((await api.call('GET', '/imports/00000000-0000-4000-8000-000000000000', { as: staff.office })).status).toBe(404);
    expect((await api.call('GET', '/imports/00000000-0000-4000-8000-000000000000/rejects', { as: staff.office })).status).toBe(404);
  });
});

describe('importing over HTTP on the embedded store (PGlite)', () => {
  let api: TestApi;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'import-http-pglite-'));
    api = await startTestApi({ config: { catalog, dataDir, store: { kind: 'pglite', dataDir: join(dataDir, 'pglite'), pollIntervalMs: 50 } } });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports the slice beside the running service, which holds the folder: the cases reach the case list', async () => {
    const submitted = await upload(api, staff.admin, { file: slice, mapping: readFileSync(MAPPING, 'utf8') });
    expect(submitted.status).toBe(202);
    const job = await ended(api, submitted.body.id);
    expect(job).toMatchObject({ state: 'done', report: { rows: 43, imported: 40, rejected: 3 } });
    const listed = await listedCases(api, goodIds);
    expect(goodIds.filter((id) => !listed.includes(id))).toEqual([]);
  }, 120_000);
});

describe('stopping the service while an import runs', () => {
  it('stops the job between rows and closes; the cases it appended stay', async () => {
    const schema = uniqueSchemaName();
    const api = await startTestApi({ schema, config: { catalog } });
    const admin = await connectAdmin();
    try {
      const submitted = await upload(api, staff.office, { file: readFileSync(SAMPLE, 'utf8'), fileName: 'nyc311-sample-999.csv', mapping: readFileSync(MAPPING, 'utf8') });
      expect(submitted.status).toBe(202);
      for (let i = 0; ; i++) {
        const { body } = await api.call('GET', `/imports/${submitted.body.id}`, { as: staff.office, headers: fresh });
        if (body.state === 'running' && body.progress.imported > 0) break;
        if (body.state === 'done' || body.state === 'failed' || i > 1500) throw new Error(`the job was not seen running with cases imported: ${JSON.stringify(body)}`);
        await new Promise((done) => setTimeout(done, 20));
      }
      await api.close();
      const { rows } = await admin.query(`SELECT count(DISTINCT stream_id)::int AS cases FROM "${schema}".events WHERE stream_id LIKE 'complaint-nyc311-%'`);
      expect(rows[0].cases).toBeGreaterThan(0);
      expect(rows[0].cases).toBeLessThan(999);
    } finally {
      await admin.end();
      await dropSchema(schema);
    }
  }, 120_000);
});
