import { readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { adminQuery } from './databases.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  pglite: string;
  /** `@event-driven-io/emmett-postgresql`, the peer of item 1 (absent in results from before it was measured). */
  emmett?: string;
  loadAverage: number[];
}

export async function describeMachine(): Promise<Machine> {
  const [version] = await adminQuery<{ server_version: string }>('SHOW server_version');
  const settings = await adminQuery<{ name: string; value: string }>(
    `SELECT name, current_setting(name) AS value FROM unnest(ARRAY['shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'max_wal_size', 'work_mem']) AS name`,
  );
  const versionOf = async (pkg: string) => (JSON.parse(await readFile(new URL(`../../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: version?.server_version ?? 'unknown',
    postgresSettings: Object.fromEntries(settings.map((s) => [s.name, s.value])),
    pglite: await versionOf('@electric-sql/pglite'),
    emmett: await versionOf('@event-driven-io/emmett-postgresql'),
    loadAverage: loadavg(),
  };
}

/** CPU time (ms) spent so far: by the whole machine, by one process, by every PostgreSQL process. */
export interface CpuTimes {
  machineBusyMs: number;
  machineTotalMs: number;
  processMs: number;
  postgresMs: number;
}

/** /proc counts CPU time in USER_HZ ticks, which is 100 on Linux whatever the kernel's own tick. */
const TICK_MS = 10;

async function processTicks(pid: string): Promise<{ comm: string; ticks: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

/**
 * Where the machine's CPU went: read before and after a measurement, the differences split it between
 * `pid` (the service), PostgreSQL's processes (a backend that exits between the two reads is lost:
 * the bench's connections are pooled and live throughout), and the rest (the load generator, other work).
 */
export async function cpuTimes(pid: number): Promise<CpuTimes> {
  const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const ticks = cpu!.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!;
  let postgres = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = await processTicks(entry);
    if (p?.comm === 'postgres') postgres += p.ticks;
  }
  return { machineBusyMs: (total - idle) * TICK_MS, machineTotalMs: total * TICK_MS, processMs: ((await processTicks(String(pid)))?.ticks ?? 0) * TICK_MS, postgresMs: postgres * TICK_MS };
}
