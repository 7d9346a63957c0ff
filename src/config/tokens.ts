import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';

/** The whole configuration (`AppConfig`). */
export const APP_CONFIG = Symbol('AppConfig');
/** The operator's `Catalog` (CATALOG_FILE, else the default). */
export const CATALOG = Symbol('Catalog');
/** The `WorkingCalendar` deadlines are counted in (CALENDAR_FILE, else the Korean default). */
export const CALENDAR = Symbol('Calendar');
/** The `Clock` every part reads the time from. */
export const CLOCK = Symbol('Clock');
/** The pino `Logger` (JSON lines). */
export const LOGGER = Symbol('Logger');
/** The 32-byte master key that wraps every complainant's data key (MASTER_KEY). */
export const MASTER_KEY = Symbol('MasterKey');

export interface Runtime {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  masterKey: Buffer;
}
