import { resolve, sep } from 'node:path';
import { sqlState } from '../sql/index.js';
import type { AppConfig } from './config.js';
import { ConfigError, settingsOf } from './environment.js';

/** Why the service did not start, for the operator: the setting at fault (when one is) and what to do. */
export interface StartFailure {
  setting?: string;
  message: string;
}

/**
 * Says why the start failed in the operator's terms. A configuration error names its variable
 * already (`ConfigError`, `MasterKeyMismatch`: a `variable`); an error of the PostgreSQL server the
 * store is on (`EVENT_STORE=postgres`, or EventStoreDB's read models at `DATABASE_URL`) is told as a
 * fault of `DATABASE_URL` or `DATABASE_SCHEMA`: which server, database or role, and the fix. Never
 * the password.
 */
export function describeStartFailure(error: unknown, variables: NodeJS.ProcessEnv): StartFailure {
  const env = settingsOf(variables);
  const message = error instanceof Error ? error.message : String(error);
  const variable = (error as { variable?: unknown } | null)?.variable;
  if (typeof variable === 'string') return { setting: variable, message };
  const folder = dataFolderFailure(error, resolve(env.DATA_DIR ?? './data'));
  if (folder) return folder;
  const serverStore = env.EVENT_STORE === 'postgres' || (env.EVENT_STORE === 'eventstoredb' && env.DATABASE_URL !== undefined);
  if (!serverStore || env.DATABASE_URL === undefined) return { message };
  return databaseFailure(error, message, env.DATABASE_URL, env.DATABASE_SCHEMA ?? 'public') ?? { message };
}

/**
 * A port the service could not listen on, told as a fault of its setting: `PORT`, or `METRICS_PORT`
 * and `METRICS_HOST` for the metrics port. Something listens there already (another process, a second
 * instance), the port is one this process may not open, or the metrics host is not this machine's.
 */
export function listenFailure(error: unknown, config: Pick<AppConfig, 'port' | 'operations'>): ConfigError | undefined {
  const { code, port, syscall, hostname, address } = (error ?? {}) as { code?: unknown; port?: unknown; syscall?: unknown; hostname?: unknown; address?: unknown };
  const { metricsPort, metricsHost } = config.operations ?? {};
  if (syscall === 'getaddrinfo' && metricsHost !== undefined && hostname === metricsHost) {
    return new ConfigError('METRICS_HOST', `the host ${metricsHost} is not known (${String(code)}): give an address or a host name of this machine, such as 127.0.0.1`);
  }
  const variable = metricsPort !== undefined && port === metricsPort ? 'METRICS_PORT' : 'PORT';
  const shown = String(port ?? config.port);
  if (code === 'EADDRINUSE') return new ConfigError(variable, `port ${shown} is in use: another process (another instance of the service?) listens there; stop it, or set ${variable} to a free port`);
  if (code === 'EACCES') return new ConfigError(variable, `port ${shown} may not be opened by this process (EACCES: a port below 1024 needs root or the CAP_NET_BIND_SERVICE capability); set ${variable} to 1024 or above`);
  if (code === 'EADDRNOTAVAIL' && variable === 'METRICS_PORT') {
    return new ConfigError('METRICS_HOST', `${String(address ?? metricsHost)} is not an address of this machine (EADDRNOTAVAIL): give one of its addresses, such as 127.0.0.1`);
  }
  return undefined;
}

/** What Node says when a folder or file cannot be made or written. */
const FILE_FAULTS = new Set(['EACCES', 'EPERM', 'ENOTDIR', 'EROFS', 'EEXIST', 'ENOSPC']);

/** A file of the data folder the service could not make or write (its store, its generated secrets), told as a fault of `DATA_DIR`. */
function dataFolderFailure(error: unknown, dataDir: string): StartFailure | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || !FILE_FAULTS.has(code) || typeof path !== 'string') return undefined;
  const within = path === dataDir || path.startsWith(`${dataDir}${sep}`) || dataDir.startsWith(`${path}${sep}`);
  if (!within) return undefined;
  return {
    setting: 'DATA_DIR',
    message: `DATA_DIR: cannot write ${path} (${code}): the service keeps its embedded store and generated secrets in ${dataDir}; give the user it runs as a folder it may write (its owner, or a volume mounted writable), or set DATA_DIR to one`,
  };
}

/** Node's words for a server it could not reach, and `pg`'s when its connection timeout ran out. */
const NO_ANSWER = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const CONNECT_TIMEOUT = /timeout exceeded when trying to connect|connection timeout/i;

function databaseFailure(error: unknown, message: string, url: string, schema: string): StartFailure | undefined {
  const parts = partsOf(url);
  if (!parts) return undefined;
  const { host, port, database, user } = parts;
  const server = `${host}:${port}`;
  const code = sqlState(error) ?? sqlState((error as { errors?: unknown[] } | null)?.errors?.[0]);
  const fault = (text: string): StartFailure => ({ setting: 'DATABASE_URL', message: `DATABASE_URL: ${text}` });
  if (code === 'ECONNREFUSED') return fault(`cannot connect to ${server} (connection refused): no PostgreSQL listens there; check the host and port in DATABASE_URL, and that the server runs`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fault(`the host ${host} is not known (name lookup: ${code}): check the host name in DATABASE_URL (postgres://<user>:<password>@<host>:<port>/<database>)`);
  if ((code !== undefined && NO_ANSWER.has(code)) || CONNECT_TIMEOUT.test(message)) {
    return fault(`no answer from ${server} (${message}): check the host and port in DATABASE_URL, and that the network (a firewall) lets this node reach the server`);
  }
  if (code === '3D000') return fault(`the database ${database} does not exist on ${server}: create it (CREATE DATABASE ${ident(database)}) or name an existing one at the end of DATABASE_URL (…/<database>)`);
  if (code === '28P01') return fault(`the server at ${server} refused the password of the role ${user} (${message}): check the user and password in DATABASE_URL`);
  if (code === '28000') return fault(`the server at ${server} refused the role ${user} (${message}): check the user in DATABASE_URL, and that the server's pg_hba.conf lets it connect from this host`);
  if (code === '42501' || /^(permission denied for|must be owner of)/.test(message)) return privilegeFailure(message, { database, user, schema });
  if (code === '3F000' || /^schema .* does not exist/.test(message)) return { setting: 'DATABASE_SCHEMA', message: `DATABASE_SCHEMA: ${message}` };
  if (code !== undefined && /^08/.test(code)) return fault(`cannot use the database at ${server} (${message})`);
  return undefined;
}

/**
 * The privileges the service's role needs (docs/running-at-scale.md, "Database privileges"), and the
 * statement that gives the one it lacks.
 */
export function privilegeFailure(message: string, { database, user, schema }: { database: string; user: string; schema: string }): StartFailure {
  const needs =
    `The service's role needs: its schema ${schema} (DATABASE_SCHEMA) with USAGE and CREATE, best as its owner, and the tables in it as their owner; ` +
    `CREATE on the database ${database} only to create that schema when it is missing, and for npm run projections:rebuild (a scratch schema per rebuild)`;
  const [r, s, d] = [ident(user), ident(schema), ident(database)];
  const grant = /for database/.test(message)
    ? `have a DBA create the schema for it (CREATE SCHEMA ${s} AUTHORIZATION ${r}), or GRANT CREATE ON DATABASE ${d} TO ${r}`
    : /for schema/.test(message)
      ? `ALTER SCHEMA ${s} OWNER TO ${r} (or GRANT USAGE, CREATE ON SCHEMA ${s} TO ${r})`
      : `the schema's tables belong to another role: run the service as that role, or make ${r} their owner (ALTER TABLE ${s}.<table> OWNER TO ${r}, for each)`;
  return { setting: 'DATABASE_URL', message: `DATABASE_URL: the role ${user} lacks a privilege the service needs (${message}): ${grant}. ${needs}` };
}

/** Host, port, database and user of a PostgreSQL URL, as `pg` defaults them; never the password. */
function partsOf(url: string): { host: string; port: string; database: string; user: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || process.env.USER || 'postgres';
  const host = parsed.searchParams.get('host') ?? (decodeURIComponent(parsed.hostname) || 'localhost');
  return { host, port: parsed.port || '5432', database: decodeURIComponent(parsed.pathname.slice(1)) || user, user };
}

const ident = (name: string): string => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);
