import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CLOCK, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { PERSONAL_DATA_VAULT } from './tokens.js';
import type { PersonalDataVault } from './vault.js';

export interface Erasure {
  complainantKey: string;
  keysDestroyed: number;
  erasedAt: string;
}

type Who = { id: string; role: string };

/**
 * Erases a complainant's personal data by destroying their data keys, and records who did it, when
 * and why as an event of the complainant's own stream (`complainant-<key>`): the complaint streams,
 * their hash chains, statistics and audit trail stay whole; every read then shows `[erased]`.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(complainantKey: string, reason: string, actor: Who, correlationId: string): Promise<Erasure | undefined> {
    const keysDestroyed = await this.vault.erase(complainantKey);
    if (keysDestroyed === 0) return undefined;
    const erasedAt = this.clock().toISOString();
    const commandId = uuidv7();
    await this.store.append(
      `complainant-${complainantKey}`,
      [{
        type: 'ComplainantDataErased',
        schemaVersion: 1,
        data: { complainantKey, reason, keysDestroyed },
        metadata: { actorId: actor.id, actorRole: actor.role, occurredAt: erasedAt, commandId, correlationId, causationId: commandId },
      }],
      { expectedRevision: 'any' },
    );
    return { complainantKey, keysDestroyed, erasedAt };
  }

  /** The retention rule: erases every complainant whose cases were all closed `years` or more ago. */
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
    for (const { complainant_key: key } of due) {
      const erasure = await this.erase(key, `retention: all cases closed more than ${years} years ago`, actor, correlationId);
      if (erasure) erased.push(erasure);
    }
    return erased;
  }
}
