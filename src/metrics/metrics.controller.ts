import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/nest.js';
import { METRICS, type Metrics } from './metrics.js';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  /** For Prometheus: a bearer token of role admin, or the separate METRICS_PORT without one. */
  @ApiOperation({ summary: 'Prometheus metrics of this process (text exposition format)' })
  @ApiProduces('text/plain')
  @Get()
  @Roles('admin')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.text();
    response.type(this.metrics.registry.contentType);
    return text;
  }
}
