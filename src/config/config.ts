import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_CATALOG, deadlineOf, EVALUATION_MEASURES, findCategory, isCompliment, OVERALL, satisfactionElementsOf, type Catalog } from '../../domain/catalog.js';
import { calendarFrom, DEFAULT_KOREAN_CALENDAR, validateWorkingCalendar, type WorkingCalendar, type WorkingPeriod } from '../../domain/working-time/index.js';
import { DEFAULT_AUDIT_POLICY, type AuditPolicy } from '../../projections/iso10002.js';
import type { RetryPolicy } from '../../projections/notices.js';
import type { SlaRules } from '../../projections/sla.js';
import { UNASSIGNED } from '../../projections/quarterly.js';
import { DEFAULT_REPEAT_OFFENDER_THRESHOLD } from '../../projections/repeat-offenders.js';
import { itemsOf, validateImportanceShares, type ImportanceShares } from '../../projections/satisfaction-index.js';
import { isEventStoreDbConnectionString, isSchemaName, SCHEMA_NAME_RULE, type EventStoreConfig } from '../event-store/index.js';
import { CATALOG_SCHEMA } from './catalog-schema.js';
import { ConfigError, nodeEnvOf, settingsOf } from './environment.js';
import { parseJsonText, schemaProblems } from './json-schema.js';

export interface AppConfig {
  port: number;
  production: boolean;
  dataDir: string;
  store: EventStoreConfig;
  catalog: Catalog;
  logLevel: string;
  /**
   * PROJECTIONS=off: this node serves the API only and leaves the read models to the nodes that run
   * them (default on; among those, one leads at a time and the others stand by).
   */
  projections?: 'on' | 'off';
  /** The audit and repeat-offender reports; absent means the defaults of {@link loadReportsConfig}({}). */
  reports?: ReportsConfig;
  /** The working calendar: the catalog's (Korea unless it names another), fields replaced by CALENDAR_FILE's; absent means DEFAULT_KOREAN_CALENDAR. See {@link calendarOf}. */
  calendar?: WorkingCalendar;
  /** The SLA and quarterly reports; absent means the defaults of {@link loadPerformanceConfig}({}). */
  performance?: PerformanceConfig;
  /**
   * AUDIT_SEAL_INTERVAL_MS: how often the service seals new events (default 1000; 0: never, seal with
   * `npm run audit:verify -- --seal`). The newest unsealed events are protected by their streams' chains only.
   */
  sealIntervalMs?: number;
  /** Notices to the complainant (e-mail, SMS); absent means the defaults of {@link loadNoticesConfig}({}): the sender off. */
  notices?: NoticesConfig;
  /**
   * The complaint portal (PORTAL_URL, PORTAL_LINK_DAYS, PORTAL_FILING_LIMIT); absent: links start with the
   * service's own address (never a Host the client chose) and work 365 days, and an address files 10 complaints an hour.
   */
  portal?: { publicUrl?: string; linkLifetimeDays: number; rateLimits?: { perAddressPerMinute: number; perCasePerMinute: number }; filingLimit?: { filings: number; windowMs: number } };
  /**
   * TRUST_PROXY: the proxies in front of the service whose `X-Forwarded-For` gives the client's address
   * (Express `trust proxy`): how many there are, or their addresses and subnets. Absent: the address the
   * connection came from, whatever the headers say (a client chooses them).
   */
  trustProxy?: number | string[];
  /** Metrics, readiness and shutdown; absent means the defaults of {@link loadOperationsConfig}({}). */
  operations?: OperationsConfig;
  /** The import over HTTP (`POST /imports`); absent means the defaults of {@link loadImportsConfig}({}). */
  imports?: ImportsConfig;
}

export { ConfigError } from './environment.js';

/** DATABASE_URL: a PostgreSQL URL (`pg` takes anything else for a host name, and says `ENOTFOUND base`). Never echoed: it may hold the password. */
function databaseUrl(url: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'postgres:' || protocol === 'postgresql:') return url;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  throw new ConfigError(
    'DATABASE_URL',
    `must be a postgres:// or postgresql:// URL, such as postgres://complaints:<password>@db.example.org:5432/complaints (user, password, host, port, database); ` +
      (scheme ? `it starts with ${scheme}://` : 'it has no scheme (postgres://)'),
  );
}

/** DATABASE_SCHEMA: a name the event store takes as it is (PostgreSQL folds unquoted names to lower case). */
function databaseSchema(schema: string | undefined): string {
  if (schema === undefined) return 'public';
  if (isSchemaName(schema)) return schema;
  throw new ConfigError('DATABASE_SCHEMA', `${JSON.stringify(schema)} is not a schema name the service takes: use ${SCHEMA_NAME_RULE}`);
}

/** pino's levels. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * A setting that is a whole number from `min` to `max`, its default when unset; else the error names the
 * variable with `rule` (by default "must be a whole number from <min> to <max>", or "of at least <min>").
 */
function wholeSetting(env: NodeJS.ProcessEnv, variable: string, fallback: number, { min = 0, max, rule }: { min?: number; max?: number; rule?: string }): number {
  const value = Number(env[variable] ?? fallback);
  if (Number.isInteger(value) && value >= min && value <= (max ?? Number.MAX_SAFE_INTEGER)) return value;
  throw new ConfigError(variable, rule ?? (max === undefined ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`));
}

/**
 * Everything the service reads from its environment, checked once at start-up (see the README's table).
 * An empty value is unset ({@link settingsOf}).
 */
export function loadConfig(variables: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = settingsOf(variables);
  const production = nodeEnvOf(env) === 'production';
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = wholeSetting(env, 'PORT', 3000, { max: 65535, rule: 'must be a port number from 0 to 65535' });
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(logLevel)}`);
  const kind = env.EVENT_STORE ?? 'pglite';
  let store: EventStoreConfig;
  if (kind === 'pglite') {
    // A server's URL beside the embedded store is a deployment that forgot EVENT_STORE: every node would keep its own store.
    if (env.DATABASE_URL !== undefined) {
      throw new ConfigError('EVENT_STORE', `is ${env.EVENT_STORE === undefined ? 'not set, so the store is the embedded one (pglite)' : 'pglite, the embedded store'}, and DATABASE_URL would be ignored: set EVENT_STORE=postgres to use that server, or leave DATABASE_URL out`);
    }
    store = { kind, dataDir: resolve(dataDir, 'pglite') };
  } else if (kind === 'postgres') {
    if (!env.DATABASE_URL) throw new ConfigError('DATABASE_URL', 'is required when EVENT_STORE=postgres, such as postgres://complaints:<password>@db.example.org:5432/complaints');
    store = { kind, url: databaseUrl(env.DATABASE_URL), schema: databaseSchema(env.DATABASE_SCHEMA) };
  } else if (kind === 'eventstoredb') {
    const url = env.EVENTSTORE_URL;
    if (!url) throw new ConfigError('EVENTSTORE_URL', 'is required when EVENT_STORE=eventstoredb');
    if (!isEventStoreDbConnectionString(url)) throw new ConfigError('EVENTSTORE_URL', 'must be an esdb:// or esdb+discover:// connection string');
    // Read models and checkpoints: the PostgreSQL server when there is one, else PGlite beside (not in) the pglite store's directory.
    const readModels = env.DATABASE_URL
      ? { kind: 'postgres' as const, url: databaseUrl(env.DATABASE_URL), schema: databaseSchema(env.DATABASE_SCHEMA) }
      : { kind: 'pglite' as const, dataDir: resolve(dataDir, 'read-models') };
    store = { kind, url, readModels };
  } else {
    throw new ConfigError('EVENT_STORE', `must be pglite, postgres or eventstoredb, not ${kind}`);
  }
  const catalog = env.CATALOG_FILE ? readCatalog(env.CATALOG_FILE) : DEFAULT_CATALOG;
  const operations = loadOperationsConfig(env);
  if (port !== 0 && operations.metricsPort === port) {
    throw new ConfigError('METRICS_PORT', `must differ from PORT (both are ${port}): the metrics port serves GET /metrics without a token, for a network only Prometheus reaches`);
  }
  return {
    port,
    production,
    dataDir,
    store,
    catalog,
    logLevel,
    projections: projectionsSwitch(env.PROJECTIONS),
    reports: loadReportsConfig(env),
    calendar: env.CALENDAR_FILE ? readCalendar(env.CALENDAR_FILE, catalogCalendar(catalog)) : catalogCalendar(catalog),
    performance: loadPerformanceConfig(env, catalog),
    sealIntervalMs: sealIntervalOf(env),
    notices: loadNoticesConfig(env),
    portal: loadPortalConfig(env),
    ...trustProxyOf(env.TRUST_PROXY),
    operations,
    imports: loadImportsConfig(env),
  };
}

export interface ImportsConfig {
  /** IMPORT_MAX_UPLOAD_MB: the largest file `POST /imports` takes, in bytes (default 100 MB); a larger one is refused with 413. */
  maxUploadBytes: number;
}

export function loadImportsConfig(variables: NodeJS.ProcessEnv): ImportsConfig {
  const env = settingsOf(variables);
  const mb = wholeSetting(env, 'IMPORT_MAX_UPLOAD_MB', 100, { min: 1, rule: 'must be a whole number of megabytes, at least 1' });
  return { maxUploadBytes: mb * 1024 * 1024 };
}

/** The import settings of a configuration; tests' configurations leave them out. */
export function importsOf(config: AppConfig): ImportsConfig {
  return config.imports ?? loadImportsConfig({});
}

function loadPortalConfig(env: NodeJS.ProcessEnv): NonNullable<AppConfig['portal']> {
  const days = wholeSetting(env, 'PORTAL_LINK_DAYS', 365, { min: 1, rule: 'must be a whole number of days, at least 1' });
  const publicUrl = env.PORTAL_URL?.replace(/\/+$/, '');
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(publicUrl)) throw new ConfigError('PORTAL_URL', 'must be an http(s) URL, e.g. https://minwon.example.go.kr');
  return { linkLifetimeDays: days, ...(publicUrl ? { publicUrl } : {}), ...(env.PORTAL_FILING_LIMIT !== undefined && { filingLimit: filingLimitOf(env.PORTAL_FILING_LIMIT) }) };
}

/** PORTAL_FILING_LIMIT: complaints one client address may file on the portal within a window, `<count>/<window>`: `10/1h`, `3/30m`, `20/1d`. */
function filingLimitOf(text: string): { filings: number; windowMs: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*(m|h|d)\s*$/.exec(text);
  const filings = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[(match?.[3] ?? 'm') as 'm' | 'h' | 'd'];
  if (!match || filings < 1 || windowMs < 60_000) throw new ConfigError('PORTAL_FILING_LIMIT', 'must be complaints per window, at least 1 in at least a minute: 10/1h, 3/30m, 20/1d');
  return { filings, windowMs };
}

/** The names Express (proxy-addr) gives to ranges of addresses: 127.0.0.0/8 and ::1, 169.254.0.0/16 and fe80::/10, 10/8, 172.16/12, 192.168/16 and fc00::/7. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: a number of proxies (1, 2, …), or the proxies' addresses, subnets (10.0.0.0/8) and named
 * ranges, comma-separated. Never `true` or `*`: trusting every sender lets any client name its address.
 */
export function trustProxyOf(value: string | undefined): Pick<AppConfig, 'trustProxy'> {
  const text = value?.trim();
  if (!text) return {};
  const rule = `must be the number of proxies in front of the service (1, 2, …) or their addresses and subnets, comma-separated (10.0.0.5, 10.0.0.0/8, ${PROXY_RANGES.join(', ')}); not every sender, which would let any client choose its address`;
  if (/^\d+$/.test(text)) {
    if (Number(text) < 1) throw new ConfigError('TRUST_PROXY', rule);
    return { trustProxy: Number(text) };
  }
  const entries = text.split(',').map((entry) => entry.trim());
  if (!entries.every((entry) => PROXY_RANGES.includes(entry) || isAddressOrSubnet(entry))) throw new ConfigError('TRUST_PROXY', rule);
  return { trustProxy: entries };
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', bits, ...more] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || more.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

export interface OperationsConfig {
  /** METRICS_PORT: also serve `GET /metrics` without a token on this port (unset: only the admin-token route). */
  metricsPort?: number;
  /** METRICS_HOST: the address METRICS_PORT listens on, such as 127.0.0.1 or the address on Prometheus's network (unset: every address of the machine). */
  metricsHost?: string;
  /** READY_MAX_LAG_EVENTS: a read model further behind than this many events makes the service unready (default 1000). */
  readyMaxLagEvents: number;
  /** READY_MAX_NOTICE_DELAY_SECONDS: a notice due longer than this makes the service unready: the outbox is stuck (default 900). */
  readyMaxNoticeDelaySeconds: number;
  /**
   * SHUTDOWN_DRAIN_MS: after SIGTERM, how long the service goes on answering, not ready, before it closes
   * its port (default 5000: as long as a connection stays open between requests, Node's keep-alive timeout).
   */
  shutdownDrainMs: number;
  /** SHUTDOWN_TIMEOUT_MS: after the drain, how long requests in flight and the last batch may take before the process exits anyway (default 10000). */
  shutdownTimeoutMs: number;
  /** READ_YOUR_WRITES_WAIT_MS: how long a read asking to see every write before it waits for the read models before it answers `behind` (default 2000). */
  readYourWritesWaitMs: number;
}

export function loadOperationsConfig(variables: NodeJS.ProcessEnv): OperationsConfig {
  const env = settingsOf(variables);
  const whole = (variable: string, fallback: number, max?: number): number => wholeSetting(env, variable, fallback, { max });
  return {
    ...(env.METRICS_PORT !== undefined && { metricsPort: whole('METRICS_PORT', 0, 65535) }),
    ...(env.METRICS_HOST !== undefined && { metricsHost: metricsHostOf(env.METRICS_HOST, env.METRICS_PORT) }),
    readyMaxLagEvents: whole('READY_MAX_LAG_EVENTS', 1000),
    readyMaxNoticeDelaySeconds: whole('READY_MAX_NOTICE_DELAY_SECONDS', 900),
    shutdownDrainMs: whole('SHUTDOWN_DRAIN_MS', 5_000),
    shutdownTimeoutMs: atLeastOne('SHUTDOWN_TIMEOUT_MS', whole('SHUTDOWN_TIMEOUT_MS', 10_000)),
    readYourWritesWaitMs: whole('READ_YOUR_WRITES_WAIT_MS', 2_000, 60_000),
  };
}

/** A time the shutdown needs: 0 would make every shutdown a crash (the lock left, the last seal not written). */
function atLeastOne(variable: string, value: number): number {
  if (value < 1) throw new ConfigError(variable, 'must be a whole number of milliseconds from 1: the time requests in flight and the last batch get after the drain');
  return value;
}

/** METRICS_HOST: an IP address or a host name, only beside METRICS_PORT (alone it would change nothing). */
function metricsHostOf(host: string, port: string | undefined): string {
  if (port === undefined) throw new ConfigError('METRICS_HOST', 'is the address of METRICS_PORT: set METRICS_PORT too, or leave METRICS_HOST out');
  if (isIP(host) === 0 && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host)) {
    throw new ConfigError('METRICS_HOST', 'must be an IP address or a host name of this machine, such as 127.0.0.1 or 10.0.0.5');
  }
  return host;
}

/** The operations settings of a configuration; tests' configurations leave them out. */
export function operationsOf(config: AppConfig): OperationsConfig {
  return config.operations ?? loadOperationsConfig({});
}

function sealIntervalOf(env: NodeJS.ProcessEnv): number {
  return wholeSetting(env, 'AUDIT_SEAL_INTERVAL_MS', 1000, { rule: 'must be a whole number of milliseconds (0: never)' });
}

export interface PerformanceConfig {
  /** Share of the deadline's working time used from which an open case is at risk. */
  atRiskShare: number;
  /** Within this working time of receipt the complainant hears of a delay (CCMS: 1 day). */
  interimNoticeDeadline: WorkingPeriod;
  /** Share (%) of respondents naming each survey item important; null: equal weights in the satisfaction index. */
  satisfactionImportance: ImportanceShares | null;
}

/** The configured calendar; without one (a configuration built in code), the catalog's. */
export const calendarOf = (config: Pick<AppConfig, 'calendar' | 'catalog'>): WorkingCalendar => config.calendar ?? catalogCalendar(config.catalog);
export const performanceOf = (config: AppConfig): PerformanceConfig => config.performance ?? loadPerformanceConfig({}, config.catalog);

/** The deadline rules of the SLA read model: the working calendar, each category's deadline (default 3 days), the interim notice. */
/**
 * What the handling periods are computed with, as a digest: the working calendar, each category's
 * deadlines and whether it is praise, and the interim notice's deadline. The handling-periods read
 * model built with other settings (a holiday added to CALENDAR_FILE, a deadline changed) holds
 * deadlines and breaches of those: it needs a rebuild, as for another version.
 */
export function slaSettingsOf(config: AppConfig): string {
  const deadlines = config.catalog.categories.map((c) => [c.code, c.deadlineDays, c.deadlineHours, c.deadlineCalendarDays, c.severityDeadlineDays, isCompliment(config.catalog, c.code)]);
  const settings = { calendar: calendarOf(config), deadlines, interimNoticeDeadline: performanceOf(config).interimNoticeDeadline };
  return createHash('sha256').update(JSON.stringify(settings, sortedKeys)).digest('hex').slice(0, 16);
}

/** JSON.stringify's replacer for a text that does not depend on the order keys were written in. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function slaRulesOf(config: AppConfig): SlaRules {
  return {
    calendar: calendarOf(config),
    deadline: (category, severity) => deadlineOf(findCategory(config.catalog, category), severity),
    isCompliment: (category) => isCompliment(config.catalog, category),
    interimNoticeDeadline: performanceOf(config).interimNoticeDeadline,
  };
}

/**
 * SLA_AT_RISK_SHARE (above 0, at most 1; default 0.8), INTERIM_NOTICE_DEADLINE ("1d" or "8h": working time
 * after receipt; default 1 working day), SATISFACTION_IMPORTANCE (JSON: the % of respondents naming each item
 * important, e.g. {"easeOfFiling":30,"interimNotice":10,"proactiveness":20,"courtesy":25,"processingTime":10,"explanation":5}:
 * every element of the catalog's survey but `overall`).
 * The deadline and the calendar shape the handling-periods read model: after changing them, rebuild it.
 */
export function loadPerformanceConfig(variables: NodeJS.ProcessEnv, catalog: Catalog = DEFAULT_CATALOG): PerformanceConfig {
  const env = settingsOf(variables);
  const atRiskShare = Number(env.SLA_AT_RISK_SHARE ?? 0.8);
  if (!(atRiskShare > 0 && atRiskShare <= 1)) throw new ConfigError('SLA_AT_RISK_SHARE', 'must be a number above 0 and at most 1, such as 0.8');
  let satisfactionImportance: ImportanceShares | null = null;
  if (env.SATISFACTION_IMPORTANCE) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.SATISFACTION_IMPORTANCE);
    } catch {
      throw new ConfigError('SATISFACTION_IMPORTANCE', 'must be JSON');
    }
    const problems = validateImportanceShares(parsed, itemsOf(satisfactionElementsOf(catalog).map((e) => e.code)));
    if (problems.length > 0) throw new ConfigError('SATISFACTION_IMPORTANCE', problems.join('; '));
    satisfactionImportance = parsed as ImportanceShares;
  }
  return {
    atRiskShare,
    interimNoticeDeadline: workingPeriodOf(env, 'INTERIM_NOTICE_DEADLINE', { days: 1 }),
    satisfactionImportance,
  };
}

/** The calendar the catalog names (`calendar`: a ready one, fields replaced), Korea's by default. */
function catalogCalendar(catalog: Catalog): WorkingCalendar {
  if (!catalog.calendar) return DEFAULT_KOREAN_CALENDAR;
  const made = calendarFrom(catalog.calendar);
  if ('problems' in made) throw new ConfigError('CATALOG_FILE', `calendar: ${made.problems.join('; ')}`);
  return made.calendar;
}

/** The operator's calendar: a JSON object whose fields replace those of the catalog's (e.g. only `extraNonWorkingDates`). */
function readCalendar(file: string, base: WorkingCalendar): WorkingCalendar {
  let overrides: unknown;
  try {
    overrides = parseJsonText(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('CALENDAR_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) throw new ConfigError('CALENDAR_FILE', 'must hold a JSON object');
  const known = Object.keys(DEFAULT_KOREAN_CALENDAR);
  const unknown = Object.keys(overrides).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new ConfigError('CALENDAR_FILE', `unknown field(s) ${unknown.join(', ')}; fields: ${known.join(', ')}`);
  const calendar = { ...base, ...overrides } as WorkingCalendar;
  const problems = validateWorkingCalendar(calendar);
  if (problems.length > 0) throw new ConfigError('CALENDAR_FILE', problems.join('; '));
  return Object.freeze(calendar);
}

export interface ReportsConfig {
  audit: AuditPolicy;
  repeatOffenderThreshold: number;
}

export const reportsOf = (config: AppConfig): ReportsConfig => config.reports ?? loadReportsConfig({});

/**
 * AUDIT_ACKNOWLEDGE_WITHIN and AUDIT_RECORD_WITHIN ("3h", "1d": working time after receipt, default 3 working
 * hours, CCMS "immediately"), REPEAT_OFFENDER_THRESHOLD (default 3 a year).
 */
export function loadReportsConfig(variables: NodeJS.ProcessEnv): ReportsConfig {
  const env = settingsOf(variables);
  const threshold = wholeSetting(env, 'REPEAT_OFFENDER_THRESHOLD', DEFAULT_REPEAT_OFFENDER_THRESHOLD, { min: 1 });
  return {
    audit: {
      acknowledgeWithin: workingPeriodOf(env, 'AUDIT_ACKNOWLEDGE_WITHIN', DEFAULT_AUDIT_POLICY.acknowledgeWithin),
      recordWithin: workingPeriodOf(env, 'AUDIT_RECORD_WITHIN', DEFAULT_AUDIT_POLICY.recordWithin),
    },
    repeatOffenderThreshold: threshold,
  };
}

function workingPeriodOf(env: NodeJS.ProcessEnv, variable: string, fallback: WorkingPeriod): WorkingPeriod {
  const text = env[variable];
  if (!text) return fallback;
  const match = /^(?:(\d+(?:\.\d+)?)\s*h|(\d+)\s*d)$/.exec(text.trim());
  if (!match) throw new ConfigError(variable, 'must be working hours or whole working days, such as "3h" or "1d"');
  return match[1] !== undefined ? { hours: Number(match[1]) } : { days: Number(match[2]) };
}

/**
 * A catalog file, checked against its JSON Schema (src/config/catalog-schema.ts), then its references
 * and its calendar; every problem at once, each as `<file>: <JSON path>: <rule>`, as a mapping's are.
 */
export function readCatalog(file: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('CATALOG_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  let catalog: Catalog;
  try {
    catalog = parseJsonText(text) as Catalog;
  } catch (error) {
    throw new ConfigError('CATALOG_FILE', `${file}: $: is not JSON (${(error as Error).message})`);
  }
  const problems = schemaProblems(CATALOG_SCHEMA, catalog, file);
  if (problems.length > 0) throw new ConfigError('CATALOG_FILE', problems.join('\n  '));
  const problem = (path: string, rule: string) => problems.push(`${file}: $.${path}: ${rule}`);
  const departments = new Set(catalog.departments.map((d) => d.code));
  const reserved = catalog.departments.findIndex((d) => d.code === UNASSIGNED);
  if (reserved >= 0) problem(`departments[${reserved}].code`, `"${UNASSIGNED}" is reserved: the reports name the cases no department handled so (GET /reports/quarterly?department=${UNASSIGNED})`);
  catalog.categories.forEach((category, i) => {
    if (!departments.has(category.defaultDepartment)) problem(`categories[${i}].defaultDepartment`, `${JSON.stringify(category.defaultDepartment)} is not a department code of this catalog`);
  });
  if (catalog.generalDepartment !== undefined && !departments.has(catalog.generalDepartment)) {
    problem('generalDepartment', `${JSON.stringify(catalog.generalDepartment)} is not a department code of this catalog`);
  }
  if (catalog.calendar !== undefined) {
    const made = calendarFrom(catalog.calendar);
    if ('problems' in made) for (const rule of made.problems) problem('calendar', rule);
  }
  for (const key of ['satisfactionElements', 'staffSurveyQuestions'] as const) {
    const codes = catalog[key]?.map((q) => q.code);
    if (codes === undefined) continue;
    const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (twice.length > 0) problem(key, `codes must be distinct: ${[...new Set(twice)].map((c) => JSON.stringify(c)).join(', ')} more than once`);
    if (!codes.includes(OVERALL)) problem(key, `must have the "${OVERALL}" rating among its codes`);
  }
  const evaluation = catalog.departmentEvaluation;
  if (evaluation !== undefined) {
    if (EVALUATION_MEASURES.every((m) => evaluation.weights[m] === 0)) problem('departmentEvaluation.weights', 'must not all be 0');
    if (!evaluation.grades.some((g) => g.minScore <= 0)) problem('departmentEvaluation.grades', 'needs a grade from a minScore of 0 or below, so that every score has a grade');
  }
  if (problems.length > 0) throw new ConfigError('CATALOG_FILE', problems.join('\n  '));
  return catalog;
}

function projectionsSwitch(value: string | undefined): 'on' | 'off' {
  if (value === undefined || value === '' || value === 'on') return 'on';
  if (value === 'off') return 'off';
  throw new ConfigError('PROJECTIONS', `must be on or off, not ${value}`);
}

export interface NoticesConfig {
  /** SMTP_URL (smtp:// or smtps://, credentials in the URL) and NOTICE_FROM (the sender's address). */
  email?: { smtpUrl: string; from: string };
  /** SMS_GATEWAY_URL: POST JSON `{ to, text, id }`; a 2xx answer means delivered. */
  sms?: { gatewayUrl: string };
  /** NOTICE_POLL_INTERVAL_MS: how often the sender looks for due notices (default 1000). */
  pollIntervalMs: number;
  /** NOTICE_RETRY_FIRST_DELAY_MS (default 60000), NOTICE_RETRY_MAX_DELAY_MS (default 3600000), NOTICE_MAX_ATTEMPTS (default 6). */
  retry: RetryPolicy;
  /** NOTICE_SEND_TIMEOUT_MS: one try of one notice gives up after this (default 15000). */
  sendTimeoutMs: number;
  /** NOTICE_MAX_AGE_HOURS: a notice not sent within this time of its event is skipped, not sent late (default 168, a week). */
  maxAgeMs: number;
  /** NOTICE_SURVEY_URL: the survey's address in the invitation; `{complaintId}` is replaced by the case's id. */
  surveyUrl?: string;
  /** NOTICE_STAFF_ADDRESSES: staff's e-mail addresses for improvement requests' notices. */
  staff?: StaffAddresses;
  /** NOTICE_IMPROVEMENT_REMINDER_DAYS: calendar days before an improvement request's due date its department's head is reminded (default 14; 0: no reminder). */
  improvementReminderDays: number;
}

/** Where staff are told: the complaints office, and each department's head by department code. */
export interface StaffAddresses {
  complaintsOffice?: string;
  departmentHeads: Record<string, string>;
}

export const noticesOf = (config: AppConfig): NoticesConfig => config.notices ?? loadNoticesConfig({});

/** The notice sender's settings (docs/notices.md). Neither SMTP_URL nor SMS_GATEWAY_URL: the sender is off. */
export function loadNoticesConfig(variables: NodeJS.ProcessEnv): NoticesConfig {
  const env = settingsOf(variables);
  const whole = (variable: string, fallback: number, min: number): number => wholeSetting(env, variable, fallback, { min });
  const url = (variable: string, protocols: string[]): string | undefined => {
    const text = env[variable];
    if (!text) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new ConfigError(variable, `must be a URL (${protocols.join(' or ')})`);
    }
    if (!protocols.includes(parsed.protocol)) throw new ConfigError(variable, `must be a URL (${protocols.join(' or ')})`);
    return text;
  };
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const from = env.NOTICE_FROM;
  if (smtpUrl && !from) throw new ConfigError('NOTICE_FROM', 'is required with SMTP_URL: the address notices are sent from');
  if (from !== undefined && !/^[^\s@<>]+@[^\s@<>]+$/.test(from.replace(/^.*<(.+)>\s*$/, '$1'))) {
    throw new ConfigError('NOTICE_FROM', 'must be an e-mail address, such as minwon@example.go.kr or "Complaints <minwon@example.go.kr>"');
  }
  const gatewayUrl = url('SMS_GATEWAY_URL', ['http:', 'https:']);
  const surveyUrl = url('NOTICE_SURVEY_URL', ['http:', 'https:']);
  const firstDelayMs = whole('NOTICE_RETRY_FIRST_DELAY_MS', 60_000, 1);
  return {
    ...(smtpUrl && from ? { email: { smtpUrl, from } } : {}),
    ...(gatewayUrl ? { sms: { gatewayUrl } } : {}),
    pollIntervalMs: whole('NOTICE_POLL_INTERVAL_MS', 1_000, 10),
    retry: {
      firstDelayMs,
      maxDelayMs: Math.max(firstDelayMs, whole('NOTICE_RETRY_MAX_DELAY_MS', 3_600_000, 1)),
      maxAttempts: whole('NOTICE_MAX_ATTEMPTS', 6, 1),
    },
    sendTimeoutMs: whole('NOTICE_SEND_TIMEOUT_MS', 15_000, 100),
    maxAgeMs: whole('NOTICE_MAX_AGE_HOURS', 168, 1) * 3_600_000,
    ...(surveyUrl ? { surveyUrl } : {}),
    ...(env.NOTICE_STAFF_ADDRESSES ? { staff: staffAddressesOf(env.NOTICE_STAFF_ADDRESSES) } : {}),
    improvementReminderDays: whole('NOTICE_IMPROVEMENT_REMINDER_DAYS', 14, 0),
  };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** `{"complaintsOffice": "cs@example.go.kr", "departmentHeads": {"inspection": "head@example.go.kr"}}`. */
function staffAddressesOf(text: string): StaffAddresses {
  const rule = 'must be JSON {"complaintsOffice": "<e-mail>", "departmentHeads": {"<department>": "<e-mail>"}}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('NOTICE_STAFF_ADDRESSES', rule);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('NOTICE_STAFF_ADDRESSES', rule);
  const { complaintsOffice, departmentHeads = {} } = parsed as { complaintsOffice?: unknown; departmentHeads?: unknown };
  const heads = typeof departmentHeads === 'object' && departmentHeads !== null && !Array.isArray(departmentHeads) ? Object.entries(departmentHeads) : undefined;
  const valid = (v: unknown) => typeof v === 'string' && EMAIL.test(v);
  if ((complaintsOffice !== undefined && !valid(complaintsOffice)) || !heads || !heads.every(([, v]) => valid(v))) throw new ConfigError('NOTICE_STAFF_ADDRESSES', rule);
  return { ...(complaintsOffice ? { complaintsOffice: complaintsOffice as string } : {}), departmentHeads: Object.fromEntries(heads) as Record<string, string> };
}
