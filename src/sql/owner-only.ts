import { chmod, lstat, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Folders and files of the embedded store, its lock and whatever else the service and its tools put
 * in DATA_DIR are the owner's alone: the store holds case content and personal-data keys, and its
 * write-ahead log holds recent rows in plain text.
 */
export const OWNER_ONLY_FOLDER = 0o700;
/**
 * The umask of the service and of each tool, set where it starts: what it creates (a store, a restored
 * one, a generated secret, temporary files, an export, a reject file) is its user's alone, since it may
 * hold personal data.
 */
export const OWNER_ONLY_UMASK = 0o077;

/** Creates `folder` and its missing parents, each for the owner alone; the first folder made, as `mkdir` returns it. */
export function makeOwnerOnlyFolder(folder: string): Promise<string | undefined> {
  return mkdir(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
}

/**
 * Takes every permission of group and others from `folder` and everything under it. PGlite writes a
 * new store's files (and a restored one's) as 0666 whatever the umask, so this runs after it opens.
 * Symbolic links are left as they are (their own mode means nothing, their target may be anyone's).
 */
export async function keepToOwner(folder: string): Promise<void> {
  const entry = await lstat(folder);
  if (entry.isSymbolicLink()) return;
  if ((entry.mode & 0o077) !== 0) await chmod(folder, entry.mode & 0o700);
  if (entry.isDirectory()) await Promise.all((await readdir(folder)).map((name) => keepToOwner(join(folder, name))));
}

const warned = new Set<string>();

/**
 * Warns once per process (`process.emitWarning`, on stderr; code OPEN_DATA_FOLDER) when the folder
 * holding the store folder `store` (DATA_DIR) lets group or others in. That folder is not changed: it
 * may be one the operator shares on purpose (a home directory, a mount); only the store is ours to close.
 */
export async function warnIfParentOpen(store: string): Promise<void> {
  const folder = dirname(store);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory() || (found.mode & 0o077) === 0 || warned.has(folder)) return;
  warned.add(folder);
  process.emitWarning(
    `DATA_DIR ${folder}, the folder of the embedded store ${store}, is open to other users (mode ${(found.mode & 0o777).toString(8)}): ` +
      `they can list it and read what in it is not closed to them. The store itself is kept to its owner; make the folder so too: chmod 700 ${folder}`,
    { code: 'OPEN_DATA_FOLDER' },
  );
}
