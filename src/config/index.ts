export { systemClock, type Clock } from './clock.js';
export { APP_CONFIG, CALENDAR, CATALOG, CLOCK, LOGGER, MASTER_KEY, type Runtime } from './tokens.js';
export {
  calendarOf,
  ConfigError,
  loadConfig,
  importsOf,
  type ImportsConfig,
  loadNoticesConfig,
  loadOperationsConfig,
  operationsOf,
  type OperationsConfig,
  loadReportsConfig,
  noticesOf,
  performanceOf,
  readCatalog,
  reportsOf,
  slaRulesOf,
  slaSettingsOf,
  type AppConfig,
  type NoticesConfig,
  type PerformanceConfig,
  type ReportsConfig,
  type StaffAddresses,
} from './config.js';
export { nodeEnvOf, settingsOf, type NodeEnv } from './environment.js';
export { generatedSecretRefusal } from './generated-secrets.js';
export { parseJsonText, schemaProblems } from './json-schema.js';
export { DevSecretError, readOrCreateDevSecret } from './dev-secret.js';
export { describeStartFailure, listenFailure, privilegeFailure, type StartFailure } from './start-up-failure.js';
