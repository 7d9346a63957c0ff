import { join } from 'node:path';
import { ConfigError, readOrCreateDevSecret } from '../config/index.js';

/**
 * The master key that wraps every complainant's data key: `MASTER_KEY` (32 bytes, base64 or hex).
 * Without it, production refuses to start; development keeps a generated one in `DATA_DIR/master-key`.
 * Losing it loses every complainant's personal data: back it up apart from the database.
 */
export async function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string): Promise<Buffer> {
  const given = env.MASTER_KEY?.trim();
  if (given) {
    const key = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, 'hex') : Buffer.from(given, 'base64');
    if (key.length !== 32) throw new ConfigError('MASTER_KEY', 'must be 32 bytes, as 64 hex digits or base64');
    return key;
  }
  if (env.NODE_ENV === 'production') throw new ConfigError('MASTER_KEY', 'is required in production (32 bytes, hex or base64)');
  const { secret } = await readOrCreateDevSecret(join(dataDir, 'master-key'));
  return Buffer.from(secret, 'base64url');
}
