import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CLOCK, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { casesOfKeys, type PersonCase } from './complainant-cases.read-model.js';
import { PERSONAL_DATA_VAULT } from './tokens.js';
import type { PersonalDataVault } from './vault.js';

export interface Erasure {
  /** The key erasure was asked for. */
  complainantKey: string;
  /** Every key of the same person whose data keys were destroyed now (the one asked for among them, unless erased before). */
  erasedKeys: string[];
  /** The cases of those keys: their personal data now reads `[erased]`. From the complainant-cases read model, which the route waits for (`ReadsYourWrites`) up to a bound. */
  erasedCases: string[];
  keysDestroyed: number;
  erasedAt: string;
}

/** What `GET /complainants/{key}` shows before an erasure: the person's keys and cases, no personal data. */
export interface ComplainantLinks {
  complainantKey: string;
  /** The other keys of the same person, linked through a shared phone or e-mail (the vault's links): erasure erases them too. */
  linkedKeys: string[];
  /** The cases of those keys, as far as the complainant-cases read model has read. */
  cases: PersonCase[];
}

type Who = { id: string; role: string };

/**
 * Erases a complainant's personal data by destroying their data keys, and those of every other key of
 * the same person (linked through a shared phone or e-mail, see `PersonalDataVault.keysOfPerson`), and
 * records who did it, when and why as an event of each erased key's own stream (`complainant-<key>`):
 * the complaint streams, their hash chains, statistics and audit trail stay whole; every read then
 * shows `[erased]`. The links come from the vault, which records them with the receipt, so a case
 * received a moment ago is followed too; the cases listed come from the complainant-cases read model.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The person behind the key: undefined when neither a case nor the vault knows the key. */
  async complainant(complainantKey: string): Promise<ComplainantLinks | undefined> {
    const keys = await this.vault.keysOfPerson(complainantKey);
    const cases = await this.casesOf(keys);
    if (cases.length === 0 && !(await this.vault.knows(complainantKey))) return undefined;
    return { complainantKey, linkedKeys: keys.slice(1), cases };
  }

  async erase(complainantKey: string, reason: string, actor: Who, correlationId: string): Promise<Erasure | undefined> {
    const keys = await this.vault.keysOfPerson(complainantKey);
    return this.erasePerson(keys, await this.casesOf(keys), reason, actor, correlationId);
  }

  private casesOf(keys: readonly string[]): Promise<PersonCase[]> {
    return casesOfKeys(this.readModels.sql, this.readModels.s, keys);
  }

  /** `keys`: the person's, the one asked for first. */
  private async erasePerson(keys: readonly string[], cases: PersonCase[], reason: string, actor: Who, correlationId: string): Promise<Erasure | undefined> {
    const complainantKey = keys[0]!;
    const erasedAt = this.clock().toISOString();
    const erasedKeys: string[] = [];
    let keysDestroyed = 0;
    for (const key of keys) {
      const destroyed = await this.vault.erase(key);
      if (destroyed === 0) continue;
      erasedKeys.push(key);
      keysDestroyed += destroyed;
      const commandId = uuidv7();
      await this.store.append(
        `complainant-${key}`,
        [{
          type: 'ComplainantDataErased',
          schemaVersion: 1,
          data: { complainantKey: key, reason, keysDestroyed: destroyed, ...(key === complainantKey ? {} : { linkedTo: complainantKey }) },
          metadata: { actorId: actor.id, actorRole: actor.role, occurredAt: erasedAt, commandId, correlationId, causationId: commandId },
        }],
        { expectedRevision: 'any' },
      );
    }
    if (keysDestroyed === 0) return undefined;
    const erasedCases = cases.filter((c) => erasedKeys.includes(c.complainantKey)).map((c) => c.complaintId);
    return { complainantKey, erasedKeys, erasedCases, keysDestroyed, erasedAt };
  }

  /**
   * The retention rule: erases every person (all keys linked to one another) whose cases were all
   * closed `years` or more ago.
   */
  async applyRetention(years: number, actor: Who, correlationId: string): Promise<Erasure[]> {
    const cutoff = this.clock();
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
    const { sql, s } = this.readModels;
    const due = await sql.query<{ complainant_key: string }>(
      `SELECT c.complainant_key FROM ${s}.complainant_cases c
       GROUP BY c.complainant_key
       HAVING bool_and(c.closed_at IS NOT NULL AND c.closed_at < $1)
          AND EXISTS (SELECT 1 FROM ${s}.personal_data_keys k WHERE k.complainant_key = c.complainant_key AND k.erased_at IS NULL)
       ORDER BY 1`,
      [cutoff.toISOString()],
    );
    const erased: Erasure[] = [];
    const seen = new Set<string>();
    for (const { complainant_key: key } of due) {
      if (seen.has(key)) continue;
      const keys = await this.vault.keysOfPerson(key);
      for (const linked of keys) seen.add(linked);
      const cases = await this.casesOf(keys);
      // A linked key's case still open, or closed too recently, keeps the whole person; so does a
      // linked key with no case read yet (received a moment ago).
      if (!keys.every((k) => cases.some((c) => c.complainantKey === k))) continue;
      if (!cases.every((c) => c.closedAt !== null && new Date(c.closedAt) < cutoff)) continue;
      const erasure = await this.erasePerson(keys, cases, `retention: all cases closed more than ${years} years ago`, actor, correlationId);
      if (erasure) erased.push(erasure);
    }
    return erased;
  }
}
