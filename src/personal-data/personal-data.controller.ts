import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Request } from 'express';
import type { Actor } from '../../domain/access.js';
import { CurrentActor, Roles } from '../auth/index.js';
import { BadRequest, correlationIdOf, NotFound, parseBody, ReadsYourWrites } from '../http/index.js';
import { PersonalDataErasure, type ComplainantLinks, type Erasure } from './erasure.js';

export class ErasureBody {
  @IsString() @IsNotEmpty() @MaxLength(2_000) reason!: string;
}

export class RetentionBody {
  /** Erase the personal data of complainants whose cases were all closed this many years ago or more. */
  @IsInt() @Min(1) @Max(100) years!: number;
  @IsOptional() @IsString() @MaxLength(2_000) note?: string;
}

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new BadRequest([{ field: 'key', rule: 'must be a complainant key as shown on a case (complainantKey)' }]);
  return key;
}

const who = (actor: Actor) => ({ id: actor.id, role: actor.roles.join(' ') });

@Controller()
export class PersonalDataController {
  constructor(private readonly erasure: PersonalDataErasure) {}

  /** What an erasure of the key would erase, before the operator confirms: the person's cases and linked keys, no personal data. */
  @ApiOperation({ summary: "What erasing a complainant's key would erase: their cases and linked keys" })
  @Get('complainants/:key')
  @Roles('complaints-office')
  @ReadsYourWrites()
  async complainant(@Param('key') key: string): Promise<ComplainantLinks> {
    const found = await this.erasure.complainant(checkedKey(key));
    if (!found) throw new NotFound(`complainant ${key} not found`);
    return found;
  }

  /**
   * The complainant asked to be forgotten (the key is the `complainantKey` of any of their cases):
   * erases every key of the same person, and says which keys and cases it erased.
   */
  @ApiOperation({ summary: "Erase a complainant's personal data (every linked key)" })
  @Post('complainants/:key/erasure')
  @ApiBody({ schema: { $ref: '#/components/schemas/ErasureBody' } })
  @HttpCode(200)
  @Roles('complaints-office')
  @ReadsYourWrites()
  async erase(@Param('key') key: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<Erasure> {
    checkedKey(key);
    const { reason } = parseBody(ErasureBody, body);
    const erased = await this.erasure.erase(key, reason, who(actor), correlationIdOf(request));
    if (!erased) throw new NotFound(`complainant ${key} not found (unknown, or already erased)`);
    return erased;
  }

  @ApiOperation({ summary: 'Erase the personal data of cases past the retention period' })
  @Post('personal-data/retention')
  @ApiBody({ schema: { $ref: '#/components/schemas/RetentionBody' } })
  @HttpCode(200)
  @Roles('complaints-office', 'admin')
  async retention(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<{ erased: Erasure[] }> {
    const { years } = parseBody(RetentionBody, body);
    return { erased: await this.erasure.applyRetention(years, who(actor), correlationIdOf(request)) };
  }
}
