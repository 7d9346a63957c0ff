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
  headsDiffer,
  NAMED_SEAL_EVENTS,
  positionText,
  SEAL_FORMAT,
  SealDigest,
  sealRecordDigest,
  StreamChainCheck,
  type IntegrityFinding,
  type IntegrityReport,
  type NamedEvent,
  type Seal,
  type SealedEvent,
  type SealedStreamHead,
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
  events_digest: string | null;
};

const SEAL_COLUMNS = `seal_number, after_commit::text AS after_commit, after_prepare::text AS after_prepare, last_commit::text AS last_commit,
  last_prepare::text AS last_prepare, event_count, previous_digest, digest, heads, sealed_at, format, events_digest`;

/** An event's recorded time as the seals digest it: UTC, to the microsecond, the same on every reading. */
const RECORDED_AT_OF = (table: string) => `to_char(${table}.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at`;
const RECORDED_AT = RECORDED_AT_OF('events');

function toSeal(row: SealRow): Seal {
  return {
    number: Number(row.seal_number),
    format: Number(row.format),
    after: { commit: BigInt(row.after_commit), prepare: BigInt(row.after_prepare) },
    last: { commit: BigInt(row.last_commit), prepare: BigInt(row.last_prepare) },
    eventCount: Number(row.event_count),
    previousDigest: row.previous_digest,
    ...(row.events_digest !== null ? { eventsDigest: row.events_digest } : {}),
    digest: row.digest,
    heads: row.heads,
    sealedAt: new Date(row.sealed_at).toISOString(),
  };
}

type EventRow = Position & { event_id: string; stream_id: string; revision: string | number; hash: string };
type SealedRow = EventRow & { recorded_at: string; type: string };

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
        `SELECT event_id, stream_id, revision, hash, type, transaction_id::text AS commit_position, sequence::text AS prepare_position, ${RECORDED_AT}
         FROM ${s}.events
         WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY transaction_id, sequence LIMIT ${MAX_SEAL_EVENTS}`,
        [after.commit.toString(), after.prepare.toString()],
      );
      if (rows.length === 0) return undefined;
      const digest = new SealDigest(previous?.digest ?? GENESIS_HASH, SEAL_FORMAT);
      for (const row of rows) digest.add(sealedEvent(row));
      const { digest: eventsDigest, eventCount, heads } = digest.finish();
      // The seal's time is digested with its record: whole milliseconds, so it reads back as written.
      const [clock] = await tx.query<{ now: Date | string }>(`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`);
      const record = {
        number: (previous ? Number(previous.seal_number) : 0) + 1,
        format: SEAL_FORMAT,
        after,
        last: positionOf(rows[rows.length - 1]!),
        eventCount,
        previousDigest: previous?.digest ?? GENESIS_HASH,
        heads,
        sealedAt: new Date(clock!.now).toISOString(),
      };
      const [inserted] = await tx.query<SealRow>(
        `INSERT INTO ${s}.seals (seal_number, after_commit, after_prepare, last_commit, last_prepare, event_count, previous_digest, events_digest, digest, heads, sealed_at, format)
         VALUES ($1, $2::xid8, $3, $4::xid8, $5, $6, $7, $8, $9, $10::jsonb, $11::timestamptz, ${SEAL_FORMAT}) RETURNING ${SEAL_COLUMNS}`,
        [
          record.number,
          after.commit.toString(),
          after.prepare.toString(),
          record.last.commit.toString(),
          record.last.prepare.toString(),
          eventCount,
          record.previousDigest,
          eventsDigest,
          sealRecordDigest(eventsDigest, record),
          JSON.stringify(heads),
          record.sealedAt,
        ],
      );
      return toSeal(inserted!);
    });
    if (seal === undefined) return seals;
    seals.push(seal);
    if (seal.eventCount < MAX_SEAL_EVENTS) return seals;
  }
}

function sealedEvent(row: SealedRow): SealedEvent {
  return { eventId: row.event_id, streamId: row.stream_id, revision: Number(row.revision), hash: row.hash, position: positionOf(row), recordedAt: row.recorded_at, type: row.type };
}

type CheckedRow = EventRow & {
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  previous_hash: string | null;
  hash: string | null;
  head: string | number | null;
  recorded_at: string;
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
    recordedAt: row.recorded_at,
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
              e.transaction_id::text AS commit_position, e.sequence::text AS prepare_position, st.revision AS head, ${RECORDED_AT_OF('e')}
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
  let previous: Chained = FIRST;
  for (const [i, seal] of seals.entries()) {
    previous = await checkSeal(client, s, seal, previous, seals[i + 1], report);
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

/** The stream's head as the newest seal recording it has it (its highest revision sealed); undefined: none yet. */
export async function sealedHeadOf(client: SqlClient, schema: string, streamId: string): Promise<SealedStreamHead | undefined> {
  const s = `"${schema}"`;
  const [row] = await client.query<{ seal_number: string | number; head: SealHead }>(
    `SELECT sl.seal_number, h AS head FROM ${s}.seals sl CROSS JOIN LATERAL jsonb_array_elements(sl.heads) h
     WHERE sl.heads @> jsonb_build_array(jsonb_build_object('streamId', $1::text)) AND h->>'streamId' = $1
     ORDER BY (h->>'revision')::bigint DESC LIMIT 1`,
    [streamId],
  );
  return row && { seal: Number(row.seal_number), head: row.head };
}

/**
 * One stream verified: `verifyStreamsOf` for one.
 */
export async function verifyStreamOf(client: SqlClient, schema: string, streamId: string): Promise<StreamIntegrityReport> {
  return (await verifyStreamsOf(client, schema, [streamId])).get(streamId)!;
}

/** Streams verified together: a quarter's cases share their seals, each recomputed once per chunk. */
const STREAMS_PER_CHECK = 500;

/**
 * Streams verified (`checkStream`): each one's events and head, in one statement; the heads the seals
 * recorded for it; and every seal covering one of its events or naming it, recomputed (its events,
 * its chain to the seal before, its own record), so a moved recorded time or an altered seal shows in
 * the case as it does store-wide. Holds no transaction open.
 */
export async function verifyStreamsOf(client: SqlClient, schema: string, streamIds: readonly string[]): Promise<Map<string, StreamIntegrityReport>> {
  const s = `"${schema}"`;
  const reports = new Map<string, StreamIntegrityReport>();
  // Each seal recomputed once for all the chunks: a quarter's cases share them.
  const sealFindings = new Map<number, IntegrityFinding[]>();
  const unique = [...new Set(streamIds)];
  for (let i = 0; i < unique.length; i += STREAMS_PER_CHECK) {
    const ids = unique.slice(i, i + STREAMS_PER_CHECK);
    // One statement: the events and the head each stream's record names, in one snapshot.
    const rows = await client.query<CheckedRow & { wanted: string }>(
      `SELECT wanted.stream_id AS wanted, e.event_id, e.stream_id, e.revision, e.type, e.schema_version, e.data, e.metadata, e.previous_hash, e.hash,
              e.transaction_id::text AS commit_position, e.sequence::text AS prepare_position, st.revision AS head, ${RECORDED_AT_OF('e')}
       FROM unnest($1::text[]) AS wanted(stream_id)
       LEFT JOIN ${s}.streams st ON st.stream_id = wanted.stream_id
       LEFT JOIN ${s}.events e ON e.stream_id = wanted.stream_id
       ORDER BY wanted.stream_id, e.revision`,
      [ids],
    );
    const sealedHeads = await client.query<{ seal_number: string | number; head: SealHead }>(
      `SELECT sl.seal_number, h AS head FROM unnest($1::text[]) AS wanted(stream_id)
       CROSS JOIN LATERAL (SELECT seal_number, heads FROM ${s}.seals WHERE heads @> jsonb_build_array(jsonb_build_object('streamId', wanted.stream_id))) sl
       CROSS JOIN LATERAL jsonb_array_elements(sl.heads) h
       WHERE h->>'streamId' = wanted.stream_id ORDER BY sl.seal_number`,
      [ids],
    );
    // The seal covering each event: the first ending at or after it.
    const covering = await client.query<{ stream_id: string; seal_number: string | number }>(
      `SELECT DISTINCT e.stream_id, c.seal_number FROM ${s}.events e
       CROSS JOIN LATERAL (SELECT seal_number FROM ${s}.seals WHERE (last_commit, last_prepare) >= (e.transaction_id, e.sequence) ORDER BY last_commit, last_prepare LIMIT 1) c
       WHERE e.stream_id = ANY($1::text[])`,
      [ids],
    );
    const sealsOf = new Map<string, Set<number>>();
    const relate = (streamId: string, seal: number) => sealsOf.set(streamId, (sealsOf.get(streamId) ?? new Set()).add(seal));
    for (const row of covering) relate(row.stream_id, Number(row.seal_number));
    for (const row of sealedHeads) relate(row.head.streamId, Number(row.seal_number));

    const wanted = [...new Set([...sealsOf.values()].flatMap((set) => [...set]))].filter((n) => !sealFindings.has(n)).sort((a, b) => a - b);
    const around = [...new Set(wanted.flatMap((n) => [n - 1, n, n + 1]))];
    const stored = new Map(
      (await client.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM ${s}.seals WHERE seal_number = ANY($1::bigint[])`, [around])).map((row) => {
        const seal = toSeal(row);
        return [seal.number, seal] as const;
      }),
    );
    for (const number of wanted) {
      const seal = stored.get(number)!;
      const before = stored.get(number - 1);
      const previous: Chained | undefined = number === 1 ? FIRST : before && { number: before.number, digest: before.digest, last: before.last, sealedAt: before.sealedAt };
      const found: IntegrityFinding[] = [];
      await checkSeal(client, s, seal, previous, stored.get(number + 1), (finding) => found.push(finding));
      sealFindings.set(number, found);
    }

    const checkedAt = new Date().toISOString();
    const byStream = new Map<string, (CheckedRow & { wanted: string })[]>();
    for (const row of rows) byStream.set(row.wanted, [...(byStream.get(row.wanted) ?? []), row]);
    for (const streamId of ids) {
      const own = byStream.get(streamId) ?? [];
      const head = own[0]?.head;
      const seals = [...(sealsOf.get(streamId) ?? [])].sort((a, b) => a - b);
      const altered = new Set(seals.filter((n) => sealFindings.get(n)!.some((f) => f.problem === 'seal-altered')));
      const sealChecks = seals.flatMap((n) => sealFindings.get(n)!.filter((f) => f.streamId === undefined || f.streamId === streamId));
      reports.set(
        streamId,
        checkStream(streamId, own.filter((row) => row.event_id !== null).map(checkedEventOf), {
          head: head === null || head === undefined ? undefined : Number(head),
          // The heads of a seal found altered say nothing of the stream: its finding says the seal was.
          sealed: sealedHeads
            .filter((row) => row.head.streamId === streamId && !altered.has(Number(row.seal_number)))
            .map((row) => ({ seal: Number(row.seal_number), head: row.head })),
          sealChecks,
          checkedAt,
        }),
      );
    }
  }
  return reports;
}

/** What the next seal must follow: the previous seal's number, its digest as vouched for by its events, where it ended, when. */
type Chained = { number: number; digest: string; last: GlobalPosition; sealedAt?: string };
const FIRST: Chained = { number: 0, digest: GENESIS_HASH, last: START };

/**
 * A seal of format 1 or 2 does not digest its own time: it is checked against its events' recorded
 * times and the previous seal's, with this much room (ms) for two sealers' transactions interleaving.
 */
const SEAL_TIME_SLACK_MS = 60_000;

const samePosition = (a: GlobalPosition, b: GlobalPosition) => a.commit === b.commit && a.prepare === b.prepare;
const positionWords = (p: GlobalPosition) => `${p.commit}/${p.prepare}`;

/**
 * Recomputes one seal from the events of its range and reports what does not match: its chain to the
 * previous seal (`previous`; undefined when that seal is gone), the events it sealed, and its own
 * record. Returns what the next seal must follow. `next` tells, for a seal of format 1 or 2, whether a
 * digest that its events no longer give is the seal's digest altered: the next seal recorded the one
 * its events still give.
 */
async function checkSeal(
  client: SqlClient,
  s: string,
  seal: Seal,
  previous: Chained | undefined,
  next: Seal | undefined,
  report: (finding: IntegrityFinding) => void,
): Promise<Chained> {
  const at = positionText(seal.last);
  if (previous === undefined) {
    report({ problem: 'seal-chain-broken', seal: seal.number, position: at, message: `seal ${seal.number} follows seal ${seal.number - 1}, which is gone: a seal was removed` });
  } else if (seal.number !== previous.number + 1 || seal.previousDigest !== previous.digest || !samePosition(seal.after, previous.last)) {
    const how = [
      seal.number !== previous.number + 1 && `it is numbered ${seal.number}`,
      !samePosition(seal.after, previous.last) && `it starts after position ${positionWords(seal.after)}, where seal ${previous.number} ends at ${positionWords(previous.last)}`,
      seal.previousDigest !== previous.digest && `it records the previous seal's digest as ${seal.previousDigest}, where seal ${previous.number}'s is ${previous.digest}`,
    ].filter(Boolean);
    report({
      problem: 'seal-chain-broken',
      seal: seal.number,
      position: at,
      message: `seal ${seal.number} does not follow seal ${previous.number} (${how.join('; ')}): a seal was removed or replaced, or this seal's record altered`,
    });
  }

  const digest = new SealDigest(seal.previousDigest, seal.format);
  const named: NamedEvent[] = [];
  let newestRecorded: string | undefined;
  let from = seal.after;
  for (;;) {
    const rows = await client.query<SealedRow>(
      `SELECT event_id, stream_id, revision, hash, type, transaction_id::text AS commit_position, sequence::text AS prepare_position, ${RECORDED_AT} FROM ${s}.events
       WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) AND (transaction_id, sequence) <= ($3::xid8, $4::bigint)
       ORDER BY transaction_id, sequence LIMIT ${BATCH}`,
      [from.commit.toString(), from.prepare.toString(), seal.last.commit.toString(), seal.last.prepare.toString()],
    );
    for (const row of rows) {
      const event = sealedEvent(row);
      digest.add(event);
      if (named.length <= NAMED_SEAL_EVENTS) named.push({ streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: row.type, recordedAt: event.recordedAt });
      if (newestRecorded === undefined || event.recordedAt > newestRecorded) newestRecorded = event.recordedAt;
    }
    if (rows.length < BATCH) break;
    from = positionOf(rows[rows.length - 1]!);
  }
  const found = digest.finish();
  // A few events are named, so a seal's finding says which cases it concerns.
  const covers = named.length <= NAMED_SEAL_EVENTS ? { events: named } : {};
  const coverWords = named.length === 0 ? 'no event' : named.length <= NAMED_SEAL_EVENTS ? named.map((e) => `stream ${e.streamId} revision ${e.revision}`).join(', ') : `${found.eventCount} events`;
  const chained = (digestToFollow: string): Chained => ({ number: seal.number, digest: digestToFollow, last: seal.last, sealedAt: seal.sealedAt });
  const altered = (what: string) =>
    report({ problem: 'seal-altered', seal: seal.number, position: at, ...covers, message: `seal ${seal.number} itself was altered: ${what}; the events it covers (${coverWords}) are as it sealed them` });
  /** What differs between the seal's count and heads and the events that still match its digest. */
  const recordDifferences = () => [
    ...(found.eventCount !== seal.eventCount ? [`its count reads ${seal.eventCount} events, where it covers ${found.eventCount}: the seal's count was altered`] : []),
    ...headsDiffer(seal.heads, found.heads).map((d) => `${d}: the seal's heads were altered`),
  ];

  if (seal.format >= 3) {
    const record = sealRecordDigest(found.digest, seal);
    if (found.digest === seal.eventsDigest && record === seal.digest) return chained(seal.digest);
    if (record === seal.digest) {
      altered(`its digest of its events reads ${seal.eventsDigest ?? '(none)'}, where they give ${found.digest}, which its digest over them and its record does hold`);
      return chained(seal.digest);
    }
    if (found.digest === seal.eventsDigest) {
      const differences = recordDifferences();
      altered(
        differences.length > 0
          ? differences.join('; ')
          : `its record (its time ${seal.sealedAt}, number, range, previous seal's digest, or its digest ${seal.digest}) no longer matches its digest, which its events and record give as ${record}`,
      );
      // Its digest alone altered: the next seal still follows the one its events and record give.
      return chained(next !== undefined && next.previousDigest === record ? record : seal.digest);
    }
  } else if (found.digest === seal.digest) {
    const differences = recordDifferences();
    if (newestRecorded !== undefined && Date.parse(seal.sealedAt) < Date.parse(newestRecorded) - SEAL_TIME_SLACK_MS) {
      if (seal.format >= 2) differences.push(`it is dated ${seal.sealedAt}, before the newest of its events was recorded (${newestRecorded}): the seal's time was altered`);
      // Format 1 did not digest recorded times: the seal's time or the event's may have moved.
      else {
        report({
          problem: 'seal-mismatch',
          seal: seal.number,
          position: at,
          ...covers,
          message: `seal ${seal.number} is dated ${seal.sealedAt}, before the newest of its events was recorded (${newestRecorded}): the seal's time or that event's recorded time was altered (the seal, of format 1, does not digest recorded times)`,
        });
      }
    } else if (previous?.sealedAt !== undefined && Date.parse(seal.sealedAt) < Date.parse(previous.sealedAt) - SEAL_TIME_SLACK_MS) {
      differences.push(`it is dated ${seal.sealedAt}, before seal ${previous.number} (${previous.sealedAt}): the time of one of them was altered`);
    }
    if (differences.length > 0) altered(differences.join('; '));
    return chained(seal.digest);
  } else if (next !== undefined && next.previousDigest === found.digest) {
    altered(`its digest reads ${seal.digest}, where its events give ${found.digest}, the digest seal ${next.number} records for it: the seal's digest was altered`);
    return chained(found.digest);
  }

  // The events changed: the heads name the stream rewritten or cut where they can.
  const sealedEventsDigest = seal.format >= 3 ? (seal.eventsDigest ?? '(none)') : seal.digest;
  const foundHeads = new Map(found.heads.map((head) => [head.streamId, head]));
  let namedOne = false;
  for (const head of seal.heads) {
    const now = foundHeads.get(head.streamId);
    if (now && now.revision === head.revision && now.hash === head.hash) continue;
    const [stored] = await client.query<{ hash: string; type: string; recorded_at: string }>(
      `SELECT hash, type, ${RECORDED_AT} FROM ${s}.events WHERE stream_id = $1 AND revision = $2`,
      [head.streamId, head.revision],
    );
    const name = { streamId: head.streamId, revision: head.revision, eventId: head.eventId, position: head.position, seal: seal.number };
    if (stored === undefined) {
      namedOne = true;
      report({ ...name, problem: 'sealed-event-missing', message: `stream ${head.streamId} revision ${head.revision} (event ${head.eventId}) was sealed in seal ${seal.number} and has been deleted` });
    } else if (stored.hash !== head.hash) {
      namedOne = true;
      report({
        ...name,
        type: stored.type,
        recordedAt: stored.recorded_at,
        problem: 'sealed-event-rewritten',
        message: `stream ${head.streamId} revision ${head.revision} (event ${head.eventId}) has hash ${stored.hash}, not the ${head.hash} sealed in seal ${seal.number}: the stream was rewritten up to here and its chain recomputed`,
      });
    }
  }
  if (!namedOne) {
    const now =
      found.eventCount === seal.eventCount
        ? `the same range still holds ${found.eventCount} events, whose digest is now ${found.digest}: an event was replaced or moved${seal.format >= 2 ? ', or a recorded time changed' : ''}`
        : `the same range now holds ${found.eventCount} events with digest ${found.digest}: events were deleted, added or moved${seal.format >= 2 ? ', or their recorded times changed' : ''}`;
    report({
      problem: 'seal-mismatch',
      seal: seal.number,
      position: at,
      ...covers,
      message: `seal ${seal.number} covered ${seal.eventCount} events with digest ${sealedEventsDigest}; ${now}${named.length > 0 && named.length <= NAMED_SEAL_EVENTS ? ` (it covers ${coverWords})` : ''}`,
    });
  }
  return chained(seal.digest);
}
