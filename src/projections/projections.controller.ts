import { ApiOperation } from '@nestjs/swagger';
import { Controller, Get, Inject } from '@nestjs/common';
import { ROLES } from '../../domain/access.js';
import { Roles } from '../auth/nest.js';
import type { ProjectionRunner, ProjectionStatus } from './projection-runner.js';
import { PROJECTIONS } from './tokens.js';

@Controller('projections')
export class ProjectionsController {
  constructor(@Inject(PROJECTIONS) private readonly runner: ProjectionRunner) {}

  /** Each read model's position in the global order and how many events it has yet to apply. */
  @ApiOperation({ summary: "Each read model's position and how many events it has yet to apply" })
  @Get()
  @Roles(...ROLES)
  async status(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.runner.status() };
  }
}
