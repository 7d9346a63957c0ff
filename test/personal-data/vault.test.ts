import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { PgClient } from '../../src/sql/index.js';
import { KEY_DOES_NOT_OPEN } from '../../src/complaint-stream/index.js';
import { MasterKeyMismatch } from '../../src/personal-data/master-key.js';
import { PersonalDataVault } from '../../src/personal-data/vault.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

const schema = uniqueSchemaName();
const s = `"${schema}"`;
const masterKey = randomBytes(32);
let sql: PgClient;
let vault: PersonalDataVault;

beforeAll(async () => {
  sql = new PgClient(TEST_DATABASE_URL);
  await sql.query(`CREATE SCHEMA ${s}`);
  vault = await PersonalDataVault.open(sql, s, masterKey);
});
afterAll(async () => {
  await sql.close();
  await dropSchema(schema);
});

describe('the personal-data vault', () => {
  const person = { name: '김민수', email: 'Minsu@Example.kr ', phone: '010-1234-5678' };

  it('gives the same person the same pseudonymous keys, which name no personal data', () => {
    const [byPhone, byEmail] = vault.identityKeysOf(person);
    expect(vault.complainantKeyOf(person)).toBe(byPhone);
    expect(vault.identityKeysOf({ name: 'M. Kim', email: 'minsu@example.kr' })).toEqual([byEmail]);
    expect(vault.identityKeysOf({ name: '김민수', phone: '+82 10 1234 5678' })).toEqual([byPhone]);
    expect(`${byPhone}${byEmail}`).not.toMatch(/minsu|example|1234/i);
  });

  it('keys depend on the master key: without it a guess cannot be checked', async () => {
    const other = await PersonalDataVault.open(sql, s, randomBytes(32));
    expect(other.identityKeysOf(person)).not.toEqual(vault.identityKeysOf(person));
  });

  it('prepareKeys reads the keys of a batch of complainants in one go, creating those they lack (a new generation for an erased one), and records their links; sealing with them reads nothing', async () => {
    const [fresh, erased, live] = ['import-a', 'import-b', 'import-c'].map((name) => vault.identityKeysOf({ name, address: 'x' }));
    await vault.seal(erased![0]!, 'before');
    await vault.erase(erased![0]!);
    const liveSealed = (await vault.seal(live![0]!, 'kept')) as { keyId: string };
    const receipts = [fresh!, erased!, live!, fresh!].map((identityKeys) => ({ complainantKey: identityKeys[0]!, identityKeys }));
    const keys = await vault.prepareKeys(receipts);
    const rows = await sql.query<{ key_id: string }>(`SELECT key_id FROM ${s}.personal_data_keys WHERE complainant_key = ANY($1)`, [[fresh![0], erased![0], live![0]]]);
    expect(rows.map((r) => r.key_id).sort()).toEqual([`${fresh![0]}.1`, `${erased![0]}.1`, `${erased![0]}.2`, `${live![0]}.1`].sort());
    expect([...keys.keys()].sort()).toEqual([fresh![0], erased![0], live![0]].sort());
    expect(keys.get(erased![0]!)!.keyId).toBe(`${erased![0]}.2`);
    expect(keys.get(live![0]!)!.keyId).toBe(liveSealed.keyId);
    const links = await sql.query<{ identity_key: string }>(`SELECT identity_key FROM ${s}.personal_data_links WHERE complainant_key = $1`, [fresh![0]]);
    expect(links.map((l) => l.identity_key).sort()).toEqual([...fresh!].sort());

    const queries = sql.query.bind(sql);
    let asked = 0;
    sql.query = ((...args: Parameters<typeof sql.query>) => (asked++, queries(...args))) as typeof sql.query;
    let sealed;
    try {
      sealed = await vault.seal(fresh![0]!, 'new', fresh, keys);
    } finally {
      sql.query = queries;
    }
    expect(asked).toBe(0);
    expect(sealed).toMatchObject({ keyId: `${fresh![0]}.1` });
    expect(await vault.open(sealed)).toBe('new');
    expect(await vault.seal(erased![0]!, 'again')).toMatchObject({ keyId: `${erased![0]}.2` });
  });

  it('prepareKeys leaves out a key a concurrent writer created first: sealing then reads theirs', async () => {
    const [key] = vault.identityKeysOf({ name: 'import-race', address: 'y' });
    const other = await PersonalDataVault.open(sql, s, masterKey);
    // The other writer creates generation 1 between this batch's read and its insert.
    const queries = sql.query.bind(sql);
    let reads = 0;
    sql.query = (async (...args: Parameters<typeof sql.query>) => {
      const result = await queries(...args);
      if (reads++ === 0) await other.seal(key!, 'theirs');
      return result;
    }) as typeof sql.query;
    let keys;
    try {
      keys = await vault.prepareKeys([{ complainantKey: key!, identityKeys: [key!] }]);
    } finally {
      sql.query = queries;
    }
    expect(keys.has(key!)).toBe(false);
    const sealed = await vault.seal(key!, 'ours', [key!], keys);
    expect(sealed.keyId).toBe(`${key}.1`);
    expect(await other.open(sealed)).toBe('ours');
  });

  it('seals with a key of the complainant’s own and opens again', async () => {
    const key = vault.complainantKeyOf(person);
    const sealed = await vault.seal(key, { complainant: person, description: '가스 누출' });
    expect(JSON.stringify(sealed)).not.toMatch(/김민수|minsu|가스/i);
    expect(await vault.open(sealed)).toEqual({ complainant: person, description: '가스 누출' });
  });

  it('after erasure the stored bytes no longer decrypt, for any process with the master key', async () => {
    const key = vault.complainantKeyOf({ name: 'Erased Person', email: 'erase@me.kr' });
    const sealed = await vault.seal(key, { description: 'secret' });
    expect(await vault.erase(key)).toBe(1);
    expect(await vault.open(sealed)).toBeUndefined();
    const another = await PersonalDataVault.open(sql, s, masterKey);
    expect(await another.open(sealed)).toBeUndefined();
    const [row] = await sql.query(`SELECT wrapped_key FROM ${s}.personal_data_keys WHERE key_id = $1`, [sealed.keyId]);
    expect(row).toEqual({ wrapped_key: null });
    expect(await vault.erase(key)).toBe(0);
  });

  it('an erasure applies at once in the process that erased, even to a key it had just used to open', async () => {
    const key = vault.complainantKeyOf({ name: 'Cached', email: 'cached@x.kr' });
    const sealed = await vault.seal(key, 'kept a moment');
    expect(await vault.open(sealed)).toBe('kept a moment');
    await vault.erase(key);
    expect(await vault.open(sealed)).toBeUndefined();
  });

  it('another process reuses a data key it opened with for at most its max age, then sees the erasure', async () => {
    const key = vault.complainantKeyOf({ name: 'Elsewhere', email: 'elsewhere@x.kr' });
    const sealed = await vault.seal(key, 'opened elsewhere');
    const other = await PersonalDataVault.open(sql, s, masterKey, { keyMaxAgeMs: 300 });
    expect(await other.open(sealed)).toBe('opened elsewhere');
    await vault.erase(key);
    expect(await other.open(sealed)).toBe('opened elsewhere'); // within the max age, by design
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await other.open(sealed)).toBeUndefined();
    const uncached = await PersonalDataVault.open(sql, s, masterKey, { keyMaxAgeMs: 0 });
    expect(await uncached.open(sealed)).toBeUndefined();
  });

  it('a complainant who was erased and complains again gets a new key; the old data stays erased', async () => {
    const key = vault.complainantKeyOf({ name: 'Returning', email: 'back@again.kr' });
    const old = await vault.seal(key, 'old');
    await vault.erase(key);
    const fresh = await vault.seal(key, 'new');
    expect(fresh.keyId).not.toBe(old.keyId);
    expect(await vault.open(fresh)).toBe('new');
    expect(await vault.open(old)).toBeUndefined();
  });

  it('refuses altered ciphertext; another master key opens nothing, says so, and is refused at start', async () => {
    const sealed = await vault.seal(vault.complainantKeyOf(person), 'x');
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0]! ^= 1;
    await expect(vault.open({ ...sealed, ciphertext: flipped.toString('base64') })).rejects.toThrow();
    const stranger = await PersonalDataVault.open(sql, s, randomBytes(32));
    await expect(stranger.open(sealed)).resolves.toBe(KEY_DOES_NOT_OPEN);
    await expect(stranger.assertMasterKeyOpens()).rejects.toThrow(MasterKeyMismatch);
    await expect(stranger.assertMasterKeyOpens()).rejects.toThrow(/the master key given opens none of the \d+ complainants' data keys of the store tried/);
    await expect(vault.assertMasterKeyOpens()).resolves.toBeUndefined();
  });

  it('a receipt’s identity keys are recorded with its data key; the keys of a person follow them transitively, the asked key first, and stay after an erasure', async () => {
    const home = { name: '한결', phone: '010-7000-0001', email: 'home@links.kr' };
    const work = { name: '한결', phone: '010-7000-0001', email: 'work@links.kr' };
    const byWorkMail = { name: '한결', email: 'work@links.kr' };
    const stranger = { name: '남', email: 'home@links.com' };
    for (const identity of [home, work, byWorkMail, stranger]) await vault.seal(vault.complainantKeyOf(identity), 'receipt', vault.identityKeysOf(identity));
    const [phoneKey] = vault.identityKeysOf(home);
    const workKey = vault.complainantKeyOf(byWorkMail);
    expect(await vault.keysOfPerson(workKey)).toEqual([workKey, phoneKey]);
    expect(await vault.keysOfPerson(phoneKey!)).toEqual([phoneKey, workKey]);
    // Sealing later events (no identity keys) links nothing new.
    await vault.seal(vault.complainantKeyOf(stranger), 'an amendment');
    expect(await vault.keysOfPerson(vault.complainantKeyOf(stranger))).toEqual([vault.complainantKeyOf(stranger)]);
    await vault.erase(phoneKey!);
    await vault.erase(workKey);
    expect(await vault.keysOfPerson(workKey)).toEqual([workKey, phoneKey]);
  });

  it('two writers sealing for a new complainant at once share one key', async () => {
    const key = vault.complainantKeyOf({ name: 'Race', email: 'race@x.kr' });
    const sealed = await Promise.all(Array.from({ length: 6 }, (_, i) => vault.seal(key, i)));
    expect(new Set(sealed.map((x) => x.keyId)).size).toBe(1);
  });
});
