import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { ApplicationError } from '../http/index.js';
import { changeSchema, type SqlClient } from '../sql/index.js';

/** The Idempotency-Key was sent before with a different request (422): a new request needs a new key. */
export class IdempotencyKeyReused extends ApplicationError {
  override readonly name = 'IdempotencyKeyReused';
  readonly status = 422;
  constructor(key: string, firstRequest: string | undefined) {
    super(`Idempotency-Key "${key}" was already used for a different request${firstRequest ? ` (${firstRequest})` : ''}: send a new key with a new request`);
  }
}

/** A request sent with an Idempotency-Key: what the key is bound to, besides the user. */
export interface IdempotentRequest {
  key: string;
  method: string;
  /** The route with the case's id, e.g. `/complaints/<id>/assign`. */
  path: string;
  /** SHA-256 (hex) of the body's canonical JSON (RFC 8785): key order and spacing do not make another request. */
  bodyHash: string;
}

export function idempotentRequest(key: string, method: string, path: string, body: unknown): IdempotentRequest {
  const bodyHash = createHash('sha256').update(canonicalize(body ?? null) ?? 'null').digest('hex');
  return { key, method, path, bodyHash };
}

/**
 * Binds each Idempotency-Key to the request a user sent with it (method, path, body), as the IETF
 * Idempotency-Key draft and Stripe do: that request again gets the first answer (the command id
 * derived from the key finds what it stored), any other request with the key is refused. A key is
 * bound when its request is about to store its events: a refused request binds nothing, so the
 * corrected one may use the same key. Kept beside the read models, so a binding holds across restarts
 * and for every process on the same database.
 */
export class IdempotencyKeys {
  private readonly table: string;

  private constructor(
    private readonly sql: SqlClient,
    s: string,
  ) {
    this.table = `${s}.idempotency_keys`;
  }

  /** The bindings, their table created if missing. */
  static async open(sql: SqlClient, s: string): Promise<IdempotencyKeys> {
    const keys = new IdempotencyKeys(sql, s);
    await changeSchema(sql, s, (tx) => tx.query(`CREATE TABLE IF NOT EXISTS ${keys.table} (
      actor_id text NOT NULL,
      idempotency_key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      body_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, idempotency_key))`));
    return keys;
  }

  /** Throws `IdempotencyKeyReused` when the user bound the key to another request. */
  async check(actorId: string, request: IdempotentRequest): Promise<void> {
    const [bound] = await this.sql.query<{ method: string; path: string; body_hash: string }>(
      `SELECT method, path, body_hash FROM ${this.table} WHERE actor_id = $1 AND idempotency_key = $2`,
      [actorId, request.key],
    );
    if (bound && (bound.method !== request.method || bound.path !== request.path || bound.body_hash !== request.bodyHash)) {
      throw new IdempotencyKeyReused(request.key, `${bound.method} ${bound.path}${bound.method === request.method && bound.path === request.path ? ' with another body' : ''}`);
    }
  }

  /** Binds the key to the request, unless the user bound it before: then it must be the same request, else `IdempotencyKeyReused`. */
  async bind(actorId: string, request: IdempotentRequest): Promise<void> {
    await this.sql.query(
      `INSERT INTO ${this.table} (actor_id, idempotency_key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [actorId, request.key, request.method, request.path, request.bodyHash],
    );
    // A statement of its own: it sees the binding of a concurrent request once that committed.
    await this.check(actorId, request);
  }
}

/** A repeated Idempotency-Key maps to the same command id, and (for a receipt) the same complaint id. */
export function idempotentId(actorId: string, key: string): string {
  const hex = createHash('sha256').update(`${actorId}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
