/**
 * Mints an HS256 bearer token for development:
 *   npm run -s token -- --role <role> [--role <role2>] --sub <id> [--name <n>] [--department <d>] [--expires-in 8h]
 * Signs with AUTH_JWT_SECRET, or the development secret in ${DATA_DIR ?? './data'}/auth-secret (created if missing, in
 * a DATA_DIR that exists),
 * like the app; adds AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when set. Prints only the token on stdout.
 * Exit codes: 0 ok, 1 cannot sign (configuration), 2 bad arguments (unknown role, missing --sub, a handler or
 * department head without a department of the catalog...).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { DEPARTMENT_ROLES } from '../domain/access.js';
import { DEFAULT_CATALOG } from '../domain/catalog.js';
import { isRole, type Role, ROLES } from '../src/auth/actor.js';
import { readCatalog } from '../src/config/config.js';
import { loadAuthConfig } from '../src/auth/secret.js';
import { signSharedSecretToken } from '../src/auth/sign-token.js';


const USAGE =
  'usage: npm run -s token -- --role <role> [--role <role2>] --sub <id> [--name <name>] [--department <department>] [--expires-in 8h]\n' +
  `roles: ${ROLES.join(', ')}\n`;


/** Runs the script with the arguments after `--`; resolves to the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('token', USAGE, argv, {
    role: { type: 'string', multiple: true },
    sub: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    'expires-in': { type: 'string', default: '8h' },
  }, io);
  if (typeof values === 'number') return values;

  const requested = values.role ?? [];
  const unknown = requested.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    io.stderr(`token: unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `"${r}"`).join(', ')}; known roles: ${ROLES.join(', ')}\n`);
    return 2;
  }
  if (requested.length === 0) return usageError('token', 'at least one --role is required', USAGE, io);
  const sub = values.sub?.trim();
  if (sub === undefined || sub === '') return usageError('token', '--sub <id> is required', USAGE, io);

  const roles = [...new Set(requested)] as Role[];
  const boundTo = roles.filter((role) => DEPARTMENT_ROLES.has(role));
  let departments: string[];
  try {
    departments = (env.CATALOG_FILE ? readCatalog(env.CATALOG_FILE) : DEFAULT_CATALOG).departments.map((d) => d.code);
  } catch (error) {
    io.stderr(`token: ${(error as Error).message}\n`);
    return 1;
  }
  if (boundTo.length > 0 && values.department === undefined) return usageError('token', `--department is required for the role ${boundTo.join(' and ')}: one of ${departments.join(', ')}`, USAGE, io);
  if (values.department !== undefined && !departments.includes(values.department)) {
    return usageError('token', `--department must be one of the catalog's: ${departments.join(', ')}`, USAGE, io);
  }
  // The development secret is the service's, in its DATA_DIR: a folder that is not there is a mistyped one, not a new secret to invent.
  const dataDir = resolve(env.DATA_DIR ?? './data');
  if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL && !existsSync(dataDir)) {
    io.stderr(`token: DATA_DIR ${dataDir} does not exist: give the service's DATA_DIR (its development secret is there), or start the service once to create it\n`);
    return 1;
  }

  let config;
  try {
    config = await loadAuthConfig(env);
  } catch (error) {
    io.stderr(`token: ${(error as Error).message}\n`);
    return 1;
  }
  if (config.kind !== 'shared-secret') {
    io.stderr('token: AUTH_JWKS_URL is set, so the app accepts only tokens from that identity provider; this script cannot sign them.\n');
    return 1;
  }

  let token: string;
  try {
    token = await signSharedSecretToken(
      config,
      {
        sub,
        roles,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(values.department === undefined ? {} : { department: values.department }),
      },
      { expiresIn: values['expires-in'] },
    );
  } catch (error) {
    io.stderr(`token: invalid --expires-in "${values['expires-in']}": ${(error as Error).message} (e.g. 8h, 30m, 2 days, 3600)\n`);
    return 2;
  }
  if (config.secretSource === 'dev-file') io.stderr(`token: signed with the development secret in ${config.secretFile}\n`);
  io.stdout(`${token}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
