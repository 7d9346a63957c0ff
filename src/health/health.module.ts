import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

/** `GET /health`: whether the event store answers. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
