import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A development secret file that is damaged (too short): reported, never overwritten. */
export class DevSecretError extends Error {
  override readonly name = 'DevSecretError';
}

/**
 * A random secret kept in `file` for development: read if present, else created once (mode 0600).
 * The secret is 32 random bytes as base64url text. Safe when several processes start at once.
 */
export async function readOrCreateDevSecret(file: string, minBytes = 32): Promise<{ secret: string; created: boolean }> {
  const existing = await readDevSecret(file, minBytes);
  if (existing !== undefined) return { secret: existing, created: false };
  return createDevSecret(file, minBytes);
}

async function readDevSecret(file: string, minBytes: number): Promise<string | undefined> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = content.trim();
  if (Buffer.byteLength(secret, 'utf8') < minBytes) {
    throw new DevSecretError(`The development secret in ${file} is shorter than ${minBytes} bytes: delete the file to generate a new one.`);
  }
  return secret;
}

/**
 * Writes the secret to a private temporary file, then links it in place: the link fails if another process
 * created the file first (its secret wins), and no reader ever sees a partly written file.
 */
async function createDevSecret(file: string, minBytes: number): Promise<{ secret: string; created: boolean }> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return { secret, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readDevSecret(file, minBytes);
    if (existing === undefined) throw error;
    return { secret: existing, created: false };
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
