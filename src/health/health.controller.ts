import { ApiOperation } from '@nestjs/swagger';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/index.js';
import { EVENT_STORE, type EventStore, type StoreHealth } from '../event-store/index.js';

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** 200 while the event store answers, 503 when it does not. */
  @ApiOperation({ summary: 'Whether the service and its event store answer' })
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response): Promise<{ status: 'up' | 'down'; store: StoreHealth }> {
    const store = await this.store.health();
    if (store.status !== 'up') response.status(503);
    return { status: store.status, store };
  }
}
