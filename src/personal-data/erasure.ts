import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import { AccessLog } from '../audit/index.js';
import { CLOCK, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { BadRequest, type FieldError } from '../http/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { casesOfKeys, type PersonCase } from './complainant-cases.read-model.js';
import { PERSONAL_DATA_VAULT } from './tokens.js';
import type { PersonalDataVault } from './vault.js';

export interface Erasure {
  /** The key erasure was asked for. */
  complainantKey: string;
  /** The keys whose data keys were destroyed now: the one asked for (unless erased before) and the linked keys the office confirmed (`linkedKeys` of the request; the retention rule: every linked key). */
  erasedKeys: string[];
  /** The cases of those keys: their personal data now reads `[erased]`. From the complainant-cases read model, which the route waits for (`ReadsYourWrites`) up to a bound. */
  erasedCases: string[];
  keysDestroyed: number;
  erasedAt: string;
}

/** What `GET /complainants/{key}` shows before an erasure: the person's keys and cases, no personal data. */
export interface ComplainantLinks {
  complainantKey: string;
  /**
   * The other keys that share a phone or e-mail with this one (the vault's links, followed
   * transitively). An inference, not a fact: contacts are never verified, so anyone can file with
   * another person's e-mail. An erasure of this key erases a linked key only when the request lists it
   * (`linkedKeys`), once the office has confirmed it is the same person.
   */
  linkedKeys: string[];
  /** The cases of this key and of the linked keys (each says its `complainantKey`), as far as the complainant-cases read model has read. */
  cases: PersonCase[];
}

type Who = { id: string; role: string; name: string; roles: Actor['roles'] };

/** The rule a listed linked key breaks when `GET /complainants/{key}` does not show it as linked. */
export const LINKED_KEY_RULE = 'must be one of the linkedKeys GET /complainants/{key} shows for this key';

/**
 * The keys of an erasure request's `linkedKeys` the office may not confirm, each named by its place:
 * a key must be one of `linked` (the keys the vault links to the key asked for), listed once.
 */
export function unconfirmableLinks(listed: readonly string[], linked: readonly string[]): FieldError[] {
  return listed.flatMap((key, i) => {
    const first = listed.indexOf(key);
    if (first < i) return [{ field: `linkedKeys[${i}]`, rule: `must be listed once: it is linkedKeys[${first}] too` }];
    return linked.includes(key) ? [] : [{ field: `linkedKeys[${i}]`, rule: LINKED_KEY_RULE }];
  });
}

/**
 * Erases a complainant's personal data by destroying their data keys, and those of the linked keys
 * the office confirmed are the same person's (linked through a shared phone or e-mail, see
 * `PersonalDataVault.keysOfPerson`; contacts are not verified, so a link alone proves nothing), and
 * records who did it, when and why as an event of each erased key's own stream (`complainant-<key>`):
 * the complaint streams, their hash chains, statistics and audit trail stay whole; every read then
 * shows `[erased]`. The links come from the vault, which records them with the receipt, so a case
 * received a moment ago is shown too; the cases listed come from the complainant-cases read model.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
  ) {}

  /** The person behind the key: undefined when neither a case nor the vault knows the key. */
  async complainant(complainantKey: string): Promise<ComplainantLinks | undefined> {
    const keys = await this.vault.keysOfPerson(complainantKey);
    const cases = await this.casesOf(keys);
    if (cases.length === 0 && !(await this.vault.knows(complainantKey))) return undefined;
    return { complainantKey, linkedKeys: keys.slice(1), cases };
  }

  /**
   * Erases the key, and of its linked keys those listed in `confirmedLinks` (refused with a 400 naming
   * each listed key not linked to it, or listed twice, before anything is erased). Undefined when the
   * vault never knew the key, or nothing was left to erase.
   */
  async erase(complainantKey: string, confirmedLinks: readonly string[], reason: string, actor: Who, correlationId: string): Promise<Erasure | undefined> {
    if (!(await this.vault.knows(complainantKey))) return undefined;
    const linked = (await this.vault.keysOfPerson(complainantKey)).slice(1);
    const refused = unconfirmableLinks(confirmedLinks, linked);
    if (refused.length > 0) throw new BadRequest(refused);
    const keys = [complainantKey, ...confirmedLinks];
    return this.erasePerson(keys, await this.casesOf(keys), reason, actor, correlationId);
  }

  private casesOf(keys: readonly string[]): Promise<PersonCase[]> {
    return casesOfKeys(this.readModels.sql, this.readModels.s, keys);
  }

  /** `keys`: the ones to erase, the one asked for first (the others are recorded as `linkedTo` it). */
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
      // Auditors list erasures over a period in the access log (`action=erasure`), one entry per case erased.
      const ofKey = cases.filter((c) => c.complainantKey === key).map((c) => c.complaintId);
      const detail = { complainantKey: key, keysDestroyed: destroyed, erasedAt, ...(key === complainantKey ? {} : { linkedTo: complainantKey }) };
      await this.accessLog.recordAll(
        (ofKey.length > 0 ? ofKey : [null]).map((complaintId) => ({
          actor: { id: actor.id, name: actor.name, roles: actor.roles },
          action: 'erasure' as const,
          complaintId,
          personalData: false,
          reason,
          detail,
          correlationId,
        })),
      );
    }
    if (keysDestroyed === 0) return undefined;
    const erasedCases = cases.filter((c) => erasedKeys.includes(c.complainantKey)).map((c) => c.complaintId);
    return { complainantKey, erasedKeys, erasedCases, keysDestroyed, erasedAt };
  }

  /**
   * The retention rule: erases every person (all keys linked to one another) whose cases were all
   * closed `years` or more ago. Unlike an erasure asked for, it follows the links unconfirmed: every
   * key it erases has all its own cases closed that long ago, so an unverified link can only make it
   * wait (a linked case still open keeps them all), never erase data the rule would keep.
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
