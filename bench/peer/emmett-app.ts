/**
 * Item 2's peer: a minimal Nest + Emmett service answering the same requests as the engine's
 * (`POST /complaints`, `POST /complaints/{id}/{command}`), for the same client and tokens. Per request
 * it does what any such service does: verify the bearer token (the engine's own `AuthModule`, so both
 * pay the same), check the body's shape, read the case's stream, decide through a small complaint
 * lifecycle written as an Emmett decider, and append with the version read as the expected one
 * (`DeciderCommandHandler`). What it leaves out is the engine's own design: no read models, no hash
 * chain, no sealed personal data, no command idempotency, no access log, no catalog or working-time
 * rules.
 */
import 'reflect-metadata';
import { BadRequestException, Body, ConflictException, Controller, HttpCode, Inject, Module, NotFoundException, Param, Post, Req, Res, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeciderCommandHandler, IllegalStateError, NotFoundError, type Command, type Event } from '@event-driven-io/emmett';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Actor, AuthConfig } from '../../src/auth/index.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { emmettStore } from './emmett-store.js';

type Status = 'none' | 'open' | 'closed' | 'withdrawn';

export interface PeerCase {
  status: Status;
  paused: boolean;
}

type CaseCommand = Command<string, { body: Record<string, unknown>; actorId: string; commandId: string }>;
type CaseEvent = Event<string, Record<string, unknown>, { actorId: string; commandId: string }>;

/** Which status a command needs and which it leaves; any other command needs an open case and keeps it open. */
const LIFECYCLE: Record<string, { from: readonly Status[]; to?: Status }> = {
  receive: { from: ['none'], to: 'open' },
  withdraw: { from: ['open'], to: 'withdrawn' },
  close: { from: ['open'], to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
  'record-satisfaction': { from: ['closed'] },
};
const OTHERWISE: { from: readonly Status[]; to?: Status } = { from: ['open'] };

export const initialState = (): PeerCase => ({ status: 'none', paused: false });

export function evolve(state: PeerCase, event: CaseEvent): PeerCase {
  const to = (LIFECYCLE[event.type] ?? OTHERWISE).to ?? state.status;
  const paused = event.type === 'pause-clock' ? true : event.type === 'resume-clock' ? false : state.paused;
  return { status: to, paused };
}

/** The command's event (named like the command); NotFoundError for a case not received, IllegalStateError where the lifecycle refuses it. */
export function decide(command: CaseCommand, state: PeerCase): CaseEvent {
  if (state.status === 'none' && command.type !== 'receive') throw new NotFoundError({ id: 'case', type: 'complaint', message: 'no such case' });
  const { from } = LIFECYCLE[command.type] ?? OTHERWISE;
  if (!from.includes(state.status)) throw new IllegalStateError(`${command.type} is not allowed on a case that is ${state.status}`);
  if (command.type === 'resume-clock' && !state.paused) throw new IllegalStateError('the clock is not paused');
  const { body, actorId, commandId } = command.data;
  return { type: command.type, data: { ...body, occurredAt: new Date().toISOString() }, metadata: { actorId, commandId } };
}

const handle = DeciderCommandHandler<PeerCase, CaseCommand, CaseEvent>({ decide, evolve, initialState });
const CASE_ID = /^[A-Za-z0-9._-]{1,100}$/;
const COMMAND = /^[a-z][a-z-]{1,40}$/;

function bodyOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException('the body must be a JSON object');
  return body as Record<string, unknown>;
}

function receiptOf(body: unknown): Record<string, unknown> {
  const receipt = bodyOf(body);
  for (const field of ['channel', 'category', 'description']) {
    if (typeof receipt[field] !== 'string' || receipt[field] === '') throw new BadRequestException(`${field} must be a non-empty string`);
  }
  if (typeof receipt.complainant !== 'object' || receipt.complainant === null) throw new BadRequestException('complainant must be an object');
  return receipt;
}

const EMMETT_STORE = Symbol('emmett store');

@Controller('complaints')
class PeerComplaintsController {
  constructor(@Inject(EMMETT_STORE) private readonly store: PostgresEventStore) {}

  @Post()
  @HttpCode(201)
  async receive(@Body() body: unknown, @Req() request: Request & { actor: Actor }, @Res({ passthrough: true }) response: Response) {
    const id = randomUUID();
    const result = await this.run(id, 'receive', receiptOf(body), request.actor);
    response.setHeader('Location', `/complaints/${id}`);
    return result;
  }

  @Post(':id/:command')
  @HttpCode(200)
  async command(@Param('id') id: string, @Param('command') type: string, @Body() body: unknown, @Req() request: Request & { actor: Actor }) {
    if (!CASE_ID.test(id)) throw new BadRequestException('id: not a case id');
    if (!COMMAND.test(type) || type === 'receive') throw new NotFoundException(`no command ${type}`);
    return this.run(id, type, bodyOf(body), request.actor);
  }

  private async run(id: string, type: string, data: Record<string, unknown>, actor: Actor) {
    try {
      const { newState, nextExpectedStreamVersion } = await handle(this.store, `complaint-${id}`, { type, data: { body: data, actorId: actor.id, commandId: randomUUID() } });
      return { id, status: newState.status, paused: newState.paused, revision: Number(nextExpectedStreamVersion) - 1 };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundException(`no case ${id}`);
      if (error instanceof IllegalStateError) throw new ConflictException(error.message);
      throw error;
    }
  }
}

/**
 * The peer on Emmett's store on `connectionString` (already migrated: migrating is not what is
 * measured), on a pool of `poolSize` connections like the engine's.
 */
export async function createEmmettPeerApp(connectionString: string, auth: AuthConfig, poolSize = 10): Promise<{ app: INestApplication; close(): Promise<void> }> {
  const { store, close } = emmettStore(connectionString, poolSize);

  @Module({ imports: [AuthModule.forRoot(auth)], controllers: [PeerComplaintsController], providers: [{ provide: EMMETT_STORE, useValue: store }] })
  class PeerModule {}

  const app = await NestFactory.create(PeerModule, { logger: false });
  return {
    app,
    async close() {
      await app.close();
      await close();
    },
  };
}
