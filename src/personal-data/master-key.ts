import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, readOrCreateDevSecret } from '../config/index.js';

/** Where each key `loadMasterKey` gave came from, to name it when it turns out not to be the store's. */
const origins = new WeakMap<Buffer, { variable: 'MASTER_KEY' } | { file: string; generated: boolean }>();

/**
 * The master key that wraps every complainant's data key: `MASTER_KEY` (32 bytes, base64 or hex).
 * Without it, production refuses to start; development keeps a generated one in `DATA_DIR/master-key`.
 * Losing it loses every complainant's personal data: back it up apart from the database.
 * A key generated here for a store that already holds data keys is removed again when the vault
 * refuses it (`MasterKeyMismatch`): the store's own key is missing, not to be replaced.
 */
export async function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string): Promise<Buffer> {
  const given = env.MASTER_KEY?.trim();
  if (given) {
    const key = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, 'hex') : Buffer.from(given, 'base64');
    if (key.length !== 32) throw new ConfigError('MASTER_KEY', 'must be 32 bytes, as 64 hex digits or base64');
    origins.set(key, { variable: 'MASTER_KEY' });
    return key;
  }
  if (env.NODE_ENV === 'production') throw new ConfigError('MASTER_KEY', 'is required in production (32 bytes, hex or base64)');
  const file = join(dataDir, 'master-key');
  const { secret, created } = await readOrCreateDevSecret(file);
  const key = Buffer.from(secret, 'base64url');
  origins.set(key, { file, generated: created });
  return key;
}

/**
 * The master key opens none of the store's data keys tried: it is not the key their data was sealed
 * with (a restore without it, another installation's key). The message names where the key came
 * from and where the right one goes; a development key generated at this start is removed.
 */
export class MasterKeyMismatch extends Error {
  override readonly name = 'MasterKeyMismatch';

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
