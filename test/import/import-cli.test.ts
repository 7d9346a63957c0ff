import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runImport } from '../support/import-cli.js';

/** `npm run import`'s refusals: what it will not overwrite, and how it names a file's problem. None of these runs opens a store. */

const SAMPLE = resolve('test/import/sample/nyc311-sample-999.csv');
const MAPPING = resolve('mappings/nyc311.json');
const CATALOG = resolve('mappings/nyc311-catalog.json');

let dir: string;
/** The sample's header and first row (a closed case with a due date), and copies of the shipped mapping and catalog: the runs may not touch the repository's. */
let source: string;
let sourceText: string;
let mapping: string;
let mappingText: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-cli-'));
  sourceText = (await readFile(SAMPLE, 'utf8')).split('\n').slice(0, 2).join('\n') + '\n';
  source = join(dir, 'one.csv');
  await writeFile(source, sourceText);
  mappingText = await readFile(MAPPING, 'utf8');
  mapping = join(dir, 'nyc311.json');
  await writeFile(mapping, mappingText);
  // No store: the refusals come before one would be opened, and --check opens none.
  env = { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', CATALOG_FILE: CATALOG, DATA_DIR: dir };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run import refuses, before reading or writing anything (exit 2), an output that would overwrite an input', () => {
  it('a reject file that is the source file, by its name, another spelling or a link, even in a dry run', async () => {
    const symbolic = join(dir, 'symbolic.csv');
    const hard = join(dir, 'hard.csv');
    await symlink(source, symbolic);
    await link(source, hard);
    for (const rejectFile of [source, join(dir, '.', 'one.csv'), symbolic, hard]) {
      for (const check of [[], ['--check']]) {
        const result = await runImport(['--file', source, '--mapping', mapping, '--reject-file', rejectFile, ...check], env);
        expect(result).toEqual({ code: 2, stdout: '', stderr: `import: --reject-file ${rejectFile}: is the same file as --file ${source}, which it would overwrite: write it elsewhere\n` });
        expect(await readFile(source, 'utf8')).toBe(sourceText);
      }
    }
  });

  it('a reject file or a proposed catalog that is the mapping, or a proposed catalog that is the reject file', async () => {
    const onMapping = await runImport(['--file', source, '--mapping', mapping, '--reject-file', mapping], env);
    expect(onMapping).toMatchObject({ code: 2, stderr: `import: --reject-file ${mapping}: is the same file as --mapping ${mapping}, which it would overwrite: write it elsewhere\n` });
    const proposal = await runImport(['--file', source, '--mapping', mapping, '--reject-file', join(dir, 'r.csv'), '--check', '--propose-catalog', mapping], env);
    expect(proposal).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining(`--propose-catalog ${mapping}: is the same file as --mapping ${mapping}`) });
    expect(await readFile(mapping, 'utf8')).toBe(mappingText);
    const both = join(dir, 'both.out');
    const onRejects = await runImport(['--file', source, '--mapping', mapping, '--reject-file', both, '--check', '--propose-catalog', both], env);
    expect(onRejects).toMatchObject({ code: 2, stderr: expect.stringContaining(`--propose-catalog ${both}: is the same file as --reject-file ${both}`) });
    expect(existsSync(both)).toBe(false);
  });
});

describe('npm run import refuses, before the run (exit 2), an output it cannot write, naming the option and the path', () => {
  it('a reject file or a proposed catalog in a folder that does not exist, or a folder', async () => {
    const missing = join(dir, 'no-such-folder');
    const rejects = join(missing, 'x.csv');
    const noFolder = await runImport(['--file', source, '--mapping', mapping, '--reject-file', rejects, '--check'], env);
    expect(noFolder).toEqual({ code: 2, stdout: '', stderr: `import: --reject-file ${rejects}: the folder ${missing} does not exist\n` });

    // The whole dry run used to come first, and its reject file with it.
    const written = join(dir, 'proposal-run.rejects.csv');
    const proposal = join(missing, 'catalog.json');
    const noProposal = await runImport(['--file', source, '--mapping', mapping, '--reject-file', written, '--check', '--propose-catalog', proposal], env);
    expect(noProposal).toEqual({ code: 2, stdout: '', stderr: `import: --propose-catalog ${proposal}: the folder ${missing} does not exist\n` });
    expect(existsSync(written)).toBe(false);

    const folder = await runImport(['--file', source, '--mapping', mapping, '--reject-file', dir, '--check'], env);
    expect(folder).toMatchObject({ code: 2, stderr: `import: --reject-file ${dir}: is a folder; name a file\n` });
    const underAFile = join(source, 'x.csv');
    const notAFolder = await runImport(['--file', source, '--mapping', mapping, '--reject-file', underAFile, '--check'], env);
    expect(notAFolder).toMatchObject({ code: 2, stderr: `import: --reject-file ${underAFile}: ${source} is not a folder\n` });
  });
});

describe('a catalog file’s problems name the file, the JSON path and the rule, as a mapping’s do', () => {
  it('a default department that is no department of the catalog, and every other reference problem with it', async () => {
    const catalog = JSON.parse(await readFile(CATALOG, 'utf8')) as { categories: { defaultDepartment: string }[]; generalDepartment?: string };
    catalog.categories[1]!.defaultDepartment = 'nope';
    catalog.generalDepartment = 'nowhere';
    const file = join(dir, 'bad-department.json');
    await writeFile(file, JSON.stringify(catalog));
    const result = await runImport(['--file', source, '--mapping', mapping, '--check', '--reject-file', join(dir, 'check.rejects.csv')], { ...env, CATALOG_FILE: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: $.categories[1].defaultDepartment: "nope" is not a department code of this catalog`);
    expect(result.stderr).toContain(`${file}: $.generalDepartment: "nowhere" is not a department code of this catalog`);
  });

  it('a file that is not JSON', async () => {
    const file = join(dir, 'syntax.json');
    await writeFile(file, '{"departments": [');
    const result = await runImport(['--file', source, '--mapping', mapping, '--check', '--reject-file', join(dir, 'check.rejects.csv')], { ...env, CATALOG_FILE: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^import: configuration CATALOG_FILE: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$: is not JSON \\(.+\\)\n$`));
  });
});

describe('the mapping’s dateFormat must give a whole date', () => {
  it.each([
    ['qqq', 'no date'],
    ['yyyy-MM', '1999-11-01'],
  ])('%s is refused, naming the file, $.dateFormat and the rule', async (format, readBack) => {
    const file = join(dir, `format-${format}.json`);
    await writeFile(file, JSON.stringify({ ...JSON.parse(mappingText), dateFormat: format }));
    const result = await runImport(['--file', source, '--mapping', file, '--check', '--reject-file', join(dir, 'check.rejects.csv')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: $.dateFormat: "${format}" must give a whole date (year, month and day): 1999-11-25 13:47:38 written in it`);
    expect(result.stderr).toContain(`reads back as ${readBack}`);
  });
});

describe('the mapping’s dateFormat must give the hour it writes', () => {
  it('h without a (AM or PM) is refused: every afternoon would be read as the morning', async () => {
    const file = join(dir, 'format-no-meridiem.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(mappingText), dateFormat: 'MM/dd/yyyy hh:mm:ss' }));
    const result = await runImport(['--file', source, '--mapping', file, '--check', '--reject-file', join(dir, 'check.rejects.csv')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file}: $.dateFormat: "MM/dd/yyyy hh:mm:ss" must give the hour of the day it writes (h needs a for AM or PM; or H for 0 to 23): 1999-11-25 13:47:38 written in it ("11/25/1999 01:47:38") reads back as 1999-11-25 01:47:38`,
    );
  });

  it.each(['MM/dd/yyyy hh:mm:ss a', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'h'"])('%s is accepted', async (format) => {
    const file = join(dir, `format-ok-${format.replace(/\W/g, '')}.json`);
    await writeFile(file, JSON.stringify({ ...JSON.parse(mappingText), dateFormat: format }));
    const result = await runImport(['--file', source, '--mapping', file, '--check', '--reject-file', join(dir, 'check.rejects.csv')], env);
    expect(result.stderr).not.toContain('$.dateFormat');
  });
});

describe('a configuration error is refused with exit 2, naming the setting', () => {
  it('no MASTER_KEY with EVENT_STORE=postgres: refused before the store is opened', async () => {
    const result = await runImport(['--file', source, '--mapping', mapping, '--reject-file', join(dir, 'no-key.rejects.csv')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^import: configuration MASTER_KEY: is required with EVENT_STORE=postgres/);
    expect(result.stdout).toBe('');
  });

  it('a MASTER_KEY that is not 32 bytes', async () => {
    const result = await runImport(['--file', source, '--mapping', mapping, '--reject-file', join(dir, 'short-key.rejects.csv')], { ...env, MASTER_KEY: 'abcd' });
    expect(result).toMatchObject({ code: 2, stderr: 'import: configuration MASTER_KEY: must be 32 bytes, as 64 hex digits or base64\n' });
  });
});

describe('the summary counts in words', () => {
  it('one row is "1 row", one case "1 closed case"', async () => {
    const result = await runImport(['--file', source, '--mapping', mapping, '--reject-file', join(dir, 'one.rejects.csv'), '--check'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`check (nothing stored): 1 row from ${source}: 1 would be imported, 0 rejected`);
    expect(result.stdout).toContain("closed by the source's due date: 1 of 1 closed case that has one");
  });
});

describe('the embedded store held by another process', () => {
  it('is refused with exit 2, as the other refusals before anything is imported, pointing to POST /imports', async () => {
    const dataDir = join(dir, 'held');
    await mkdir(dataDir);
    // This test's own process stands for the running service.
    await writeFile(join(dataDir, 'pglite.lock'), JSON.stringify({ pid: process.pid, command: 'node dist/src/main.js', host: hostname(), since: new Date().toISOString() }));
    const rejectFile = join(dir, 'held.rejects.csv');
    const result = await runImport(['--file', source, '--mapping', mapping, '--reject-file', rejectFile], { EVENT_STORE: 'pglite', DATA_DIR: dataDir, CATALOG_FILE: CATALOG });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is in use by process ${process.pid}`);
    expect(result.stderr).toContain('import through it instead: POST /imports');
    expect(existsSync(rejectFile)).toBe(false);
  });
});

describe('a mapping whose codes the catalog lacks', () => {
  it('is refused with a hint that names the catalog beside that mapping, and no other mapping’s', async () => {
    const folder = join(dir, 'utility');
    await mkdir(folder);
    const own = join(folder, 'utility.json');
    await writeFile(own, mappingText);
    const alone = await runImport(['--file', source, '--mapping', own, '--check', '--reject-file', join(dir, 'check.rejects.csv')], { ...env, CATALOG_FILE: undefined });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('set CATALOG_FILE to the catalog these codes come from');
    expect(alone.stderr).not.toContain('nyc311-catalog');

    const beside = join(folder, 'utility-catalog.json');
    await writeFile(beside, await readFile(CATALOG, 'utf8'));
    const withCatalog = await runImport(['--file', source, '--mapping', own, '--check', '--reject-file', join(dir, 'check.rejects.csv')], { ...env, CATALOG_FILE: undefined });
    expect(withCatalog.stderr).toContain(`beside the mapping: CATALOG_FILE=${beside}`);
  });
});
