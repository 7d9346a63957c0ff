import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CATALOG, type Catalog } from '../../domain/catalog.js';
import type { EventStoreConfig } from '../event-store/create-event-store.js';

export interface AppConfig {
  port: number;
  production: boolean;
  dataDir: string;
  store: EventStoreConfig;
  catalog: Catalog;
  logLevel: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(variable: string, rule: string) {
    super(`configuration ${variable}: ${rule}`);
  }
}

/** Everything the service reads from its environment, checked once at start-up (see the README's table). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', 'must be a port number');
  const kind = env.EVENT_STORE ?? 'pglite';
  let store: EventStoreConfig;
  if (kind === 'pglite') {
    store = { kind, dataDir: resolve(dataDir, 'pglite') };
  } else if (kind === 'postgres') {
    if (!env.DATABASE_URL) throw new ConfigError('DATABASE_URL', 'is required when EVENT_STORE=postgres');
    store = { kind, url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA ?? 'public' };
  } else {
    throw new ConfigError('EVENT_STORE', `must be pglite or postgres, not ${kind}`);
  }
  return {
    port,
    production: env.NODE_ENV === 'production',
    dataDir,
    store,
    catalog: env.CATALOG_FILE ? readCatalog(env.CATALOG_FILE) : DEFAULT_CATALOG,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

function readCatalog(file: string): Catalog {
  let catalog: Catalog;
  try {
    catalog = JSON.parse(readFileSync(file, 'utf8')) as Catalog;
  } catch (error) {
    throw new ConfigError('CATALOG_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  for (const key of ['categories', 'departments', 'externalBodies'] as const) {
    if (!Array.isArray(catalog[key])) throw new ConfigError('CATALOG_FILE', `${key} must be a list`);
  }
  const departments = new Set(catalog.departments.map((d) => d.code));
  for (const category of catalog.categories) {
    if (!departments.has(category.defaultDepartment)) {
      throw new ConfigError('CATALOG_FILE', `category ${category.code}: default department ${category.defaultDepartment} is not a department`);
    }
    if (!(category.deadlineDays > 0)) throw new ConfigError('CATALOG_FILE', `category ${category.code}: deadlineDays must be above 0`);
  }
  return catalog;
}
