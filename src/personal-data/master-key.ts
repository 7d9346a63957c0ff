import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, generatedSecretRefusal, readOrCreateDevSecret, settingsOf, type AppConfig } from '../config/index.js';

/** Where each key `loadMasterKey` gave came from, to name it when it turns out not to be the store's. */
const origins = new WeakMap<Buffer, { variable: 'MASTER_KEY' } | { file: string; generated: boolean }>();

/**
 * The master key that wraps every complainant's data key: `MASTER_KEY` (32 bytes, base64 or hex).
 * Without it, production refuses to start; development keeps a generated one in `DATA_DIR/master-key`.
 * Losing it loses every complainant's personal data: back it up apart from the database.
 * A key generated here for a store that already holds data keys is removed again when the vault
 * refuses it (`MasterKeyMismatch`): the store's own key is missing, not to be replaced.
 *
 * A store on a server (`EVENT_STORE=postgres`, or EventStoreDB with its vault at `DATABASE_URL`) is
 * shared by every node, and `DATA_DIR` is each node's own: a key generated there would be one per
 * node, each sealing with its own and reading only its own complainants' data. So such a store needs
 * `MASTER_KEY`, the same on every node, unless `NODE_ENV=development` says this is a development
 * machine (one node; the vault's check value refuses a second node with another key anyway). The key
 * is not kept in the database instead: a backup of the database would then hold what opens it.
 * When a key may be generated is {@link generatedSecretRefusal}'s rule, the signing secret's too.
 */
export async function loadMasterKey(variables: NodeJS.ProcessEnv, { dataDir, store }: Pick<AppConfig, 'dataDir' | 'store'>): Promise<Buffer> {
  const env = settingsOf(variables);
  const given = env.MASTER_KEY?.trim();
  if (given !== undefined) {
    const key = masterKeyOf(given);
    origins.set(key, { variable: 'MASTER_KEY' });
    return key;
  }
  const refusal = generatedSecretRefusal(env, store);
  if (refusal && 'production' in refusal) throw new ConfigError('MASTER_KEY', 'is required in production (32 bytes, hex or base64)');
  const file = join(dataDir, 'master-key');
  if (refusal) {
    throw new ConfigError(
      'MASTER_KEY',
      `is required with ${refusal.sharedStore}: every node shares the store, and a key generated into a node's own DATA_DIR would differ from node to node ` +
        "(each would seal with its own and read only its own complainants' data). " +
        (existsSync(file)
          ? `This node has one in ${file}, generated before: give its content as MASTER_KEY to every node, and keep it in a secret store apart from the database backups. `
          : 'Generate one (openssl rand -hex 32), keep it in a secret store apart from the database backups, and give every node the same MASTER_KEY. ') +
        `On a development machine running one node, NODE_ENV=development keeps a generated key in ${file} instead`,
    );
  }
  const { secret, created } = await readOrCreateDevSecret(file);
  const key = Buffer.from(secret, 'base64url');
  origins.set(key, { file, generated: created });
  return key;
}

/** 32 bytes as 64 hex digits, or as base64 (or base64url, as a generated key file holds it): 43 characters of its alphabet and an optional `=`. */
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The key written in MASTER_KEY. Checked character by character first: `Buffer.from` skips what is not of
 * the alphabet, so `!!!…AAA=` would read as 32 zero bytes.
 */
function masterKeyOf(text: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (BASE64_KEY.test(text)) return Buffer.from(text, 'base64');
  throw new ConfigError('MASTER_KEY', 'must be 32 bytes, as 64 hex digits or base64');
}

/**
 * The master key opens none of the store's data keys tried: it is not the key their data was sealed
 * with (a restore without it, another installation's key). The message names where the key came
 * from and where the right one goes; a development key generated at this start is removed.
 */
export class MasterKeyMismatch extends Error {
  override readonly name = 'MasterKeyMismatch';
  /** The setting to fix. */
  readonly variable = 'MASTER_KEY';

  /**
   * The master key is not the one the store recorded at its first start (`personal_data_master_key`):
   * another node's, or another installation's. Refused even where it opens some data keys (a store
   * already holding keys of two master keys) or there are none yet (two nodes on a new store).
   */
  static async recorded(masterKey: Buffer): Promise<MasterKeyMismatch> {
    const origin = origins.get(masterKey);
    const file = origin && 'file' in origin ? origin.file : undefined;
    const consequence = "every node must use the same master key: with another, a node seals new data under a second key and reads only its own complainants' data";
    if (file && origin && 'file' in origin && origin.generated) {
      await unlink(file).catch(() => undefined);
      origins.delete(masterKey);
      return new MasterKeyMismatch(
        `the master key file ${file} is missing, yet the store was started with a master key before (it keeps a check value of it): put that key in ${file}, or set MASTER_KEY to it, and start again; ` +
          `${consequence}. No new key is kept in its place (the one generated at this start was removed)`,
      );
    }
    const source = file ? `the master key in ${file}` : origin ? 'the master key MASTER_KEY' : 'the master key given';
    const fix = file ? `put the store's master key in ${file} (or set MASTER_KEY)` : "set MASTER_KEY to the store's master key, the one the other nodes have";
    return new MasterKeyMismatch(`${source} is not the master key this store was started with (its check value differs from the one the store recorded): ${fix} and start again; ${consequence}`);
  }

  static async of(masterKey: Buffer, tried: number): Promise<MasterKeyMismatch> {
    const origin = origins.get(masterKey);
    const file = origin && 'file' in origin ? origin.file : undefined;
    const generated = origin && 'file' in origin && origin.generated;
    const consequence = "started with it, every complainant's personal data would read unreadable and new data would be sealed under a second master key";
    if (file && generated) {
      await unlink(file).catch(() => undefined);
      origins.delete(masterKey);
      return new MasterKeyMismatch(
        `the master key file ${file} is missing, yet the store holds complainants' data keys sealed under a master key (restored without it?): ` +
          `put the master key the data was sealed with in ${file} (backups do not hold it), or set MASTER_KEY, and start again. ` +
          'No new key is kept in its place (the one generated at this start was removed)',
      );
    }
    const source = file ? `the master key in ${file}` : origin ? 'the master key MASTER_KEY' : 'the master key given';
    const fix = file ? `put the master key the data was sealed with in ${file} (or set MASTER_KEY)` : 'set MASTER_KEY to the master key the data was sealed with';
    return new MasterKeyMismatch(`${source} opens none of the ${tried} complainants' data keys of the store tried: it is not the key their data was sealed with; ${fix} and start again (${consequence})`);
  }
}
