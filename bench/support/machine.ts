import { readFile } from 'node:fs/promises';
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
