import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionsModule } from '../projections/projections.module.js';
import { HealthController } from './health.controller.js';
import { Readiness } from './readiness.js';

/** `GET /health` (the event store answers), `GET /health/live` and `GET /health/ready` (the probes, @nestjs/terminus). */
@Module({
  // Terminus logs each failed probe at error level; `Readiness.report` logs the changes instead.
  imports: [TerminusModule.forRoot({ logger: false }), ProjectionsModule],
  controllers: [HealthController],
  providers: [Readiness],
})
export class HealthModule {}
