import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const dir = mkdtempSync(join(tmpdir(), 'quarterly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the department code the quarterly report keeps for the cases no department handled', () => {
  it('a catalog giving a department the code "unassigned" is refused at start, naming the file, the JSON path and why', () => {
    const file = join(dir, 'catalog.json');
    const departments = [...DEFAULT_CATALOG.departments, { code: 'unassigned', name: { ko: '미배정', en: 'Unassigned' } }];
    writeFileSync(file, JSON.stringify({ ...DEFAULT_CATALOG, departments }));
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(`${file}: $.departments[${departments.length - 1}].code: "unassigned" is reserved`);
  });
});
