import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { ComplaintNotFound } from '../complaints/errors.js';
import type { EventStore } from '../event-store/event-store.js';
import type { ReadModels } from '../complaints/queries.js';
import { BadRequest } from '../http/error-filter.js';
import { parseBody } from '../http/parse-body.js';
import { correlationIdOf } from '../http/request-log.js';
import { EVENT_STORE, PERSONAL_DATA_VAULT, READ_MODELS } from '../tokens.js';
import type { PersonalDataVault } from './vault.js';

export class ErasureBody {
  @IsString() @IsNotEmpty() @MaxLength(2_000) reason!: string;
}

export class RetentionBody {
  /** Erase the personal data of complainants whose cases were all closed this many years ago or more. */
  @IsInt() @Min(1) years!: number;
  @IsOptional() @IsString() @MaxLength(2_000) note?: string;
}

export interface Erasure {
  complainantKey: string;
  keysDestroyed: number;
  erasedAt: string;
}

/**
 * Erases a complainant's personal data by destroying their data keys, and records who did it, when
 * and why as an event of the complainant's own stream (`complainant-<key>`): the complaint streams,
 * their hash chains, statistics and audit trail stay whole; every read then shows `[erased]`.
 */
export class PersonalDataErasure {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  async erase(complainantKey: string, reason: string, actor: { id: string; role: string }, correlationId: string): Promise<Erasure | undefined> {
    const keysDestroyed = await this.vault.erase(complainantKey);
    if (keysDestroyed === 0) return undefined;
    const erasedAt = new Date().toISOString();
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

  /** The retention rule: erases every complainant whose cases were all closed before `now - years`. */
  async applyRetention(years: number, now: Date, actor: { id: string; role: string }, correlationId: string): Promise<Erasure[]> {
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
    const due = await this.readModels.sql.query<{ complainant_key: string }>(
      `SELECT c.complainant_key FROM ${this.readModels.s}.complainant_cases c
       GROUP BY c.complainant_key
       HAVING bool_and(c.closed_at IS NOT NULL AND c.closed_at < $1)
          AND EXISTS (SELECT 1 FROM ${this.readModels.s}.personal_data_keys k WHERE k.complainant_key = c.complainant_key AND k.erased_at IS NULL)
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

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

@Controller()
export class PersonalDataController {
  private readonly erasure: PersonalDataErasure;

  constructor(
    @Inject(PERSONAL_DATA_VAULT) vault: PersonalDataVault,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODELS) readModels: ReadModels,
  ) {
    this.erasure = new PersonalDataErasure(vault, store, readModels);
  }

  /** The complainant asked to be forgotten (the key is the `complainantKey` of any of their cases). */
  @Post('complainants/:key/erasure')
  @HttpCode(200)
  @Roles('complaints-office')
  async erase(@Param('key') key: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<Erasure> {
    if (!KEY.test(key)) throw new BadRequest([{ field: 'key', rule: 'must be a complainant key as shown on a case (complainantKey)' }]);
    const { reason } = parseBody(ErasureBody, body);
    const erased = await this.erasure.erase(key, reason, { id: actor.id, role: actor.roles.join(' ') }, correlationIdOf(request));
    if (!erased) throw new ComplaintNotFound(`complainant ${key} (unknown, or already erased)`);
    return erased;
  }

  @Post('personal-data/retention')
  @HttpCode(200)
  @Roles('complaints-office', 'admin')
  async retention(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<{ erased: Erasure[] }> {
    const { years } = parseBody(RetentionBody, body);
    return { erased: await this.erasure.applyRetention(years, new Date(), { id: actor.id, role: actor.roles.join(' ') }, correlationIdOf(request)) };
  }
}
