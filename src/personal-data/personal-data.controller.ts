import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { Request } from 'express';
import type { Actor } from '../../domain/access.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { BadRequest, correlationIdOf, NotFound } from '../http/index.js';
import { parseBody, ReadsYourWrites } from '../http/nest.js';
import { PersonalDataErasure, type ComplainantLinks, type Erasure } from './erasure.js';

export class ErasureBody {
  @IsString() @IsNotEmpty() @MaxLength(2_000) reason!: string;
  @JSONSchema({
    description:
      'Keys linked to this one (`linkedKeys` of `GET /complainants/{key}`) that the office confirmed are the same person: erased too. ' +
      'A link is only a shared phone or e-mail, never verified: a key not listed is left alone. Each must be one of those linked keys, listed once.',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) linkedKeys?: string[];
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

const who = (actor: Actor) => ({ id: actor.id, role: actor.roles.join(' '), name: actor.name, roles: actor.roles });

@Controller()
export class PersonalDataController {
  constructor(private readonly erasure: PersonalDataErasure) {}

  /** What an erasure of the key would erase, and which linked keys the office may confirm to erase too: cases and keys, no personal data. */
  @ApiOperation({
    summary: "A complainant's cases and the keys linked to theirs, before an erasure",
    description:
      "The cases of the key, and the other keys that share a phone or e-mail with it (`linkedKeys`, followed transitively), with their cases. " +
      'A link is an inference, not a fact: phones and e-mails are never verified, so anyone can file with another person\'s e-mail. ' +
      '`POST /complainants/{key}/erasure` erases the key alone, and a linked key only when its body lists it in `linkedKeys`, once the office has confirmed it is the same person. ' +
      'The key itself is a keyed hash of the phone given (else the e-mail, else the name and address): every case filed with that contact has it, and its erasure takes them all. ' +
      'No personal data.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['complainantKey', 'linkedKeys', 'cases'],
      properties: {
        complainantKey: { type: 'string', description: 'The key asked for' },
        linkedKeys: {
          type: 'array',
          items: { type: 'string' },
          description: 'Other keys sharing a phone or e-mail with this one: an inference from unverified contacts, to confirm with the person before listing them in an erasure',
        },
        cases: {
          type: 'array',
          description: 'The cases of the key and of the linked keys, as far as the read models have read',
          items: {
            type: 'object',
            required: ['complaintId', 'complainantKey', 'state', 'closedAt'],
            properties: {
              complaintId: { type: 'string' },
              complainantKey: { type: 'string', description: 'The key the case belongs to: the one asked for or a linked one' },
              state: { type: 'string' },
              closedAt: { type: 'string', format: 'date-time', nullable: true },
            },
          },
        },
      },
    },
  })
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
   * erases the key and the linked keys the body lists, and says which keys and cases it erased.
   */
  @ApiOperation({
    summary: "Erase a complainant's personal data (and the linked keys listed)",
    description:
      'Destroys the data keys of the key asked for, and of each key in `linkedKeys`, which must be among the `linkedKeys` of `GET /complainants/{key}`, each listed once ' +
      '(else a 400 naming `linkedKeys[i]`, and nothing is erased). A linked key not listed keeps its data: a link is a shared phone or e-mail, never verified. ' +
      'Recorded as a `ComplainantDataErased` event per key erased (a listed key\'s names the key asked for, `linkedTo`). 404 when the key is unknown, or it and every key listed were erased before.',
  })
  @Post('complainants/:key/erasure')
  @ApiBody({ schema: { $ref: '#/components/schemas/ErasureBody' } })
  @HttpCode(200)
  @Roles('complaints-office')
  @ReadsYourWrites()
  async erase(@Param('key') key: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<Erasure> {
    checkedKey(key);
    const { reason, linkedKeys = [] } = parseBody(ErasureBody, body);
    const erased = await this.erasure.erase(key, linkedKeys, reason, who(actor), correlationIdOf(request));
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
