import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';

/** Who holds a data folder: written into its lock file. */
interface Holder {
  pid: number;
  command: string;
  host: string;
  since: string;
}

/**
 * Two processes on one embedded store each work on a copy the other never sees (an imported case
 * stayed invisible to the running service until its restart). The second gets this instead.
 */
export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(folder: string, lockFile: string, holder: Holder) {
    super(
      `the embedded store ${folder} is in use by process ${holder.pid} (${holder.command}) on ${holder.host} since ${holder.since}. ` +
        'Two processes on one embedded store would each work on a copy the other does not see. ' +
        'Stop that process first (the service: stop `npm start`), run this command, then start it again; ' +
        'or run every process on one PostgreSQL server (EVENT_STORE=postgres). ' +
        `If that process is gone, delete ${lockFile}.`,
    );
  }
}

/** What this process is, as another process will be told. */
function thisProcess(): Holder {
  const script = process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}: ` : '';
  return { pid: process.pid, command: `${script}${basename(process.argv0)} ${process.argv.slice(1).join(' ')}`.trim(), host: hostname(), since: new Date().toISOString() };
}

function readHolder(lockFile: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of a data folder (the file `<folder>.lock` beside it) for this process, or throws
 * {@link DataFolderInUseError} naming the running process that holds it. The lock of a process no
 * longer running (on this host) is taken over. Returns the release.
 */
export function lockDataFolder(folder: string): () => void {
  const lockFile = `${folder}.lock`;
  const me = thisProcess();
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return () => {
        if (readHolder(lockFile)?.pid === me.pid) unlinkSync(lockFile);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockFile);
    if (holder && (holder.host !== me.host || isRunning(holder.pid))) throw new DataFolderInUseError(folder, lockFile, holder);
    // Another process took it over between our look and our write.
    if (attempt > 0) throw new DataFolderInUseError(folder, lockFile, readHolder(lockFile) ?? { pid: 0, command: 'unknown', host: me.host, since: 'now' });
    // Left by a process that is gone (or unreadable): take it over.
    unlinkSync(lockFile);
  }
}
