/**
 * Tamper evidence on PostgreSQL: hashing the events stored before the chain existed, sealing the
 * global order, and recomputing everything. The rules are in `../integrity.ts`.
 */
import { START, type GlobalPosition } from '../event-store.js';
import {
  checkStream,
  compareFindings,
  eventHash,
  GENESIS_HASH,
  positionText,
  SEAL_FORMAT,
  SealDigest,
  StreamChainCheck,
  type IntegrityFinding,
  type IntegrityReport,
  type Seal,
  type SealHead,
  type StreamIntegrityReport,
} from '../integrity.js';
import type { SqlClient, SqlExecutor } from '../../sql/index.js';

const BATCH = 2_000;
const MAX_KEPT_FINDINGS = 100_000;
/** A seal covers at most this many events; a backlog is sealed in several. */
export const MAX_SEAL_EVENTS = 5_000;

type Position = { commit_position: string; prepare_position: string };
const positionOf = (row: Position): GlobalPosition => ({ commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) });

/** Migration 2: hashes the events of every stream in revision order, once. */
export async function backfillEventHashes(tx: SqlExecutor, s: string): Promise<void> {
  let after: [string, number] = ['', -1];
  let chain = { streamId: '', hash: GENESIS_HASH };
  for (;;) {
    const rows = await tx.query<{ sequence: string; stream_id: string; revision: string | number; type: string; schema_version: number; data: unknown; metadata: unknown }>(
      `SELECT sequence::text AS sequence, stream_id, revision, type, schema_version, data, metadata FROM ${s}.events
       WHERE (stream_id, revision) > ($1, $2) ORDER BY stream_id, revision LIMIT ${BATCH}`,
      after,
    );
    if (rows.length === 0) return;
    const hashed = rows.map((row) => {
      const previousHash = row.stream_id === chain.streamId ? chain.hash : GENESIS_HASH;
      const content = { streamId: row.stream_id, revision: Number(row.revision), type: row.type, schemaVersion: row.schema_version, data: row.data, metadata: row.metadata };
      chain = { streamId: row.stream_id, hash: eventHash(previousHash, content) };
      return { sequence: row.sequence, previous_hash: previousHash, hash: chain.hash };
    });
    await tx.query(
      `UPDATE ${s}.events e SET previous_hash = v.previous_hash, hash = v.hash
       FROM jsonb_to_recordset($1::jsonb) AS v(sequence bigint, previous_hash text, hash text) WHERE e.sequence = v.sequence`,
      [JSON.stringify(hashed)],
    );
    const last = rows[rows.length - 1]!;
    after = [last.stream_id, Number(last.revision)];
  }
}

type SealRow = {
  seal_number: string | number;
  after_commit: string;
  after_prepare: string;
  last_commit: string;
  last_prepare: string;
  event_count: number;
  previous_digest: string;
  digest: string;
  heads: SealHead[];
  sealed_at: Date | string;
  format: number;
};

const SEAL_COLUMNS = `seal_number, after_commit::text AS after_commit, after_prepare::text AS after_prepare, last_commit::text AS last_commit,
  last_prepare::text AS last_prepare, event_count, previous_digest, digest, heads, sealed_at, format`;

/** An event's recorded time as the seals digest it: UTC, to the microsecond, the same on every reading. */
const RECORDED_AT = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at`;

function toSeal(row: SealRow): Seal {
  return {
    number: Number(row.seal_number),
    format: Number(row.format),
    after: { commit: BigInt(row.after_commit), prepare: BigInt(row.after_prepare) },
    last: { commit: BigInt(row.last_commit), prepare: BigInt(row.last_prepare) },
    eventCount: Number(row.event_count),
    previousDigest: row.previous_digest,
    digest: row.digest,
    heads: row.heads,
    sealedAt: new Date(row.sealed_at).toISOString(),
  };
}

type EventRow = Position & { event_id: string; stream_id: string; revision: string | number; hash: string };
type SealedRow = EventRow & { recorded_at: string };

/**
 * Seals every event below the read horizon (the same set `readAll` would return, so the order is
 * final) that no seal covers yet, `MAX_SEAL_EVENTS` per seal. Sealers in several processes take
 * turns on an advisory lock; each continues from the newest seal.
 */
export async function sealPending(client: SqlClient, schema: string): Promise<Seal[]> {
  const s = `"${schema}"`;
  const seals: Seal[] = [];
  for (;;) {
    const seal = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`event-store seals ${schema}`]);
      const [previous] = await tx.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM ${s}.seals ORDER BY seal_number DESC LIMIT 1`);
      const after = previous ? toSeal(previous).last : START;
      const rows = await tx.query<SealedRow>(
        `SELECT event_id, stream_id, revision, hash, transaction_id::text AS commit_position, sequence::text AS prepare_position, ${RECORDED_AT}
         FROM ${s}.events
         WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY transaction_id, sequence LIMIT ${MAX_SEAL_EVENTS}`,
        [after.commit.toString(), after.prepare.toString()],
      );
      if (rows.length === 0) return undefined;
      const digest = new SealDigest(previous?.digest ?? GENESIS_HASH, SEAL_FORMAT);
      for (const row of rows) digest.add(sealedEvent(row));
      const { digest: sealDigest, eventCount, heads } = digest.finish();
      const last = positionOf(rows[rows.length - 1]!);
      const [inserted] = await tx.query<SealRow>(
        `INSERT INTO ${s}.seals (seal_number, after_commit, after_prepare, last_commit, last_prepare, event_count, previous_digest, digest, heads, format)
         VALUES ($1, $2::xid8, $3, $4::xid8, $5, $6, $7, $8, $9::jsonb, ${SEAL_FORMAT}) RETURNING ${SEAL_COLUMNS}`,
        [
          (previous ? Number(previous.seal_number) : 0) + 1,
          after.commit.toString(),
          after.prepare.toString(),
          last.commit.toString(),
          last.prepare.toString(),
          eventCount,
          previous?.digest ?? GENESIS_HASH,
          sealDigest,
          JSON.stringify(heads),
        ],
      );
      return toSeal(inserted!);
    });
    if (seal === undefined) return seals;
    seals.push(seal);
    if (seal.eventCount < MAX_SEAL_EVENTS) return seals;
  }
}

function sealedEvent(row: SealedRow) {
  return { eventId: row.event_id, streamId: row.stream_id, revision: Number(row.revision), hash: row.hash, position: positionOf(row), recordedAt: row.recorded_at };
}

type CheckedRow = EventRow & {
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  previous_hash: string | null;
  hash: string | null;
  head: string | number | null;
};

/** A row as the chain check takes it. */
function checkedEventOf(row: CheckedRow) {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash,
    previousHash: row.previous_hash,
    position: positionOf(row),
  };
}

/**
 * Recomputes every stream's chain, then every seal, and reports what does not match in the global
 * order. Reads in batches, each one statement (a consistent snapshot of events and stream heads), and
 * holds no transaction open: a verification never holds back the store's readers.
 */
export async function verifyStore(client: SqlClient, schema: string, limit = 100): Promise<IntegrityReport> {
  const s = `"${schema}"`;
  const findings: IntegrityFinding[] = [];
  let dropped = 0;
  // A store broken everywhere still answers: beyond this many, findings are counted, not kept.
  const report = (finding: IntegrityFinding) => void (findings.length < MAX_KEPT_FINDINGS ? findings.push(finding) : (dropped += 1));

  const chains = new StreamChainCheck(report);
  let after: [string, number] = ['', -1];
  for (;;) {
    const rows = await client.query<CheckedRow>(
      `SELECT e.event_id, e.stream_id, e.revision, e.type, e.schema_version, e.data, e.metadata, e.previous_hash, e.hash,
              e.transaction_id::text AS commit_position, e.sequence::text AS prepare_position, st.revision AS head
       FROM ${s}.events e LEFT JOIN ${s}.streams st ON st.stream_id = e.stream_id
       WHERE (e.stream_id, e.revision) > ($1, $2) ORDER BY e.stream_id, e.revision LIMIT ${BATCH}`,
      after,
    );
    for (const row of rows) {
      chains.add(checkedEventOf(row), row.head === null ? undefined : Number(row.head));
    }
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1]!;
    after = [last.stream_id, Number(last.revision)];
  }
  chains.end();

  const emptied = await client.query<{ stream_id: string; revision: string | number }>(
    `SELECT stream_id, revision FROM ${s}.streams st WHERE NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_id = st.stream_id)`,
  );
  for (const stream of emptied) {
    report({
      problem: 'stream-head-mismatch',
      streamId: stream.stream_id,
      revision: 0,
      message: `stream ${stream.stream_id}: the store records revision ${stream.revision} as its newest, but the stream has no events: all were deleted`,
    });
  }

  const seals = (await client.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM ${s}.seals ORDER BY seal_number`)).map(toSeal);
  let previous: { number: number; digest: string; last: GlobalPosition } = { number: 0, digest: GENESIS_HASH, last: START };
  for (const seal of seals) {
    await checkSeal(client, s, seal, previous, report);
    previous = seal;
  }
  const [unsealed] = await client.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${s}.events WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint)`,
    [previous.last.commit.toString(), previous.last.prepare.toString()],
  );

  findings.sort(compareFindings);
  const latest = seals[seals.length - 1];
  return {
    ok: findings.length === 0,
    checkedAt: new Date().toISOString(),
    events: chains.events,
    streams: chains.streams,
    seals: {
      count: seals.length,
      ...(latest ? { latest: { number: latest.number, digest: latest.digest, sealedAt: latest.sealedAt, last: positionText(latest.last) } } : {}),
    },
    unsealedEvents: Number(unsealed?.n ?? 0),
    ...(findings[0] ? { firstMismatch: findings[0] } : {}),
    findings: findings.slice(0, limit),
    truncated: findings.length > limit || dropped > 0,
  };
}

/**
 * One stream verified (`checkStream`): its events and head in one statement, then the heads the seals
 * recorded for it. Reads the stream once and the seals' heads once; holds no transaction open.
 */
export async function verifyStreamOf(client: SqlClient, schema: string, streamId: string): Promise<StreamIntegrityReport> {
  const s = `"${schema}"`;
  // One statement: the events and the head the stream's record names, in one snapshot.
  const rows = await client.query<CheckedRow>(
    `SELECT e.event_id, e.stream_id, e.revision, e.type, e.schema_version, e.data, e.metadata, e.previous_hash, e.hash,
            e.transaction_id::text AS commit_position, e.sequence::text AS prepare_position, st.revision AS head
     FROM (SELECT $1::text AS stream_id) wanted
     LEFT JOIN ${s}.streams st ON st.stream_id = wanted.stream_id
     LEFT JOIN ${s}.events e ON e.stream_id = wanted.stream_id
     ORDER BY e.revision`,
    [streamId],
  );
  const head = rows[0]?.head;
  const events = rows.filter((row) => row.event_id !== null).map(checkedEventOf);
  const sealed = await client.query<{ seal_number: string | number; head: SealHead }>(
    `SELECT seal_number, h AS head FROM ${s}.seals, jsonb_array_elements(heads) h
     WHERE heads @> jsonb_build_array(jsonb_build_object('streamId', $1::text)) AND h->>'streamId' = $1 ORDER BY seal_number`,
    [streamId],
  );
  return checkStream(streamId, events, {
    head: head === null || head === undefined ? undefined : Number(head),
    sealed: sealed.map((row) => ({ seal: Number(row.seal_number), head: row.head })),
    checkedAt: new Date().toISOString(),
  });
}

async function checkSeal(
  client: SqlClient,
  s: string,
  seal: Seal,
  previous: { number: number; digest: string; last: GlobalPosition },
  report: (finding: IntegrityFinding) => void,
): Promise<void> {
  const at = positionText(seal.last);
  if (seal.number !== previous.number + 1 || seal.previousDigest !== previous.digest || seal.after.commit !== previous.last.commit || seal.after.prepare !== previous.last.prepare) {
    report({
      problem: 'seal-chain-broken',
      seal: seal.number,
      position: at,
      message: `seal ${seal.number} does not follow seal ${previous.number}: a seal was removed or replaced`,
    });
  }
  const digest = new SealDigest(seal.previousDigest, seal.format);
  const found = new Map<string, { revision: number; hash: string }>();
  let from = seal.after;
  for (;;) {
    const rows = await client.query<SealedRow>(
      `SELECT event_id, stream_id, revision, hash, transaction_id::text AS commit_position, sequence::text AS prepare_position, ${RECORDED_AT} FROM ${s}.events
       WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) AND (transaction_id, sequence) <= ($3::xid8, $4::bigint)
       ORDER BY transaction_id, sequence LIMIT ${BATCH}`,
      [from.commit.toString(), from.prepare.toString(), seal.last.commit.toString(), seal.last.prepare.toString()],
    );
    for (const row of rows) {
      const event = sealedEvent(row);
      digest.add(event);
      found.set(event.streamId, { revision: event.revision, hash: event.hash });
    }
    if (rows.length < BATCH) break;
    from = positionOf(rows[rows.length - 1]!);
  }
  const recomputed = digest.finish();
  if (recomputed.digest === seal.digest && recomputed.eventCount === seal.eventCount) return;

  let named = false;
  for (const head of seal.heads) {
    const now = found.get(head.streamId);
    if (now && now.revision === head.revision && now.hash === head.hash) continue;
    const [stored] = await client.query<{ hash: string }>(`SELECT hash FROM ${s}.events WHERE stream_id = $1 AND revision = $2`, [head.streamId, head.revision]);
    const name = { streamId: head.streamId, revision: head.revision, eventId: head.eventId, position: head.position, seal: seal.number };
    if (stored === undefined) {
      named = true;
      report({ ...name, problem: 'sealed-event-missing', message: `stream ${head.streamId} revision ${head.revision} (event ${head.eventId}) was sealed in seal ${seal.number} and has been deleted` });
    } else if (stored.hash !== head.hash) {
      named = true;
      report({
        ...name,
        problem: 'sealed-event-rewritten',
        message: `stream ${head.streamId} revision ${head.revision} (event ${head.eventId}) has hash ${stored.hash}, not the ${head.hash} sealed in seal ${seal.number}: the stream was rewritten up to here and its chain recomputed`,
      });
    }
  }
  if (!named) {
    report({
      problem: 'seal-mismatch',
      seal: seal.number,
      position: at,
      message: `seal ${seal.number} covered ${seal.eventCount} events with digest ${seal.digest}; the same range now holds ${recomputed.eventCount} events with digest ${recomputed.digest}: events were deleted, added or moved${seal.format >= 2 ? ', or their recorded times changed' : ''}`,
    });
  }
}
