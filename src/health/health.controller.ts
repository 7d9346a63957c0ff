import { ApiOperation } from '@nestjs/swagger';
import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/nest.js';
import { EVENT_STORE, type EventStore, type StoreHealth } from '../event-store/index.js';
import { Readiness } from './readiness.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checks: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  /** 200 while the event store answers, 503 when it does not. */
  @ApiOperation({ summary: 'Whether the service and its event store answer' })
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response): Promise<{ status: 'up' | 'down'; store: StoreHealth }> {
    const store = await this.store.health();
    if (store.status !== 'up') response.status(503);
    return { status: store.status, store };
  }

  /** The liveness probe: 200 while the process answers at all; a restart would not help anything else. */
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Get('live')
  @Public()
  live(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.answer(this.checks.check([]), response);
  }

  /** The readiness probe: 503 while requests should go elsewhere (store unreachable, schema or read models not this code's, read models behind, outbox stuck, shutting down). */
  @ApiOperation({ summary: 'Readiness: store reachable, migrations done, read models caught up, outbox moving' })
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    const result = await this.answer(this.checks.check(this.readiness.checks()), response);
    this.readiness.report(result);
    return result;
  }

  private async answer(check: Promise<HealthCheckResult>, response: Response): Promise<HealthCheckResult> {
    try {
      return await check;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
