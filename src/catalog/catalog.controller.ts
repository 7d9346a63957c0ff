import { Controller, Get, Inject } from '@nestjs/common';
import { ROLES } from '../../domain/access.js';
import { CHANNELS, EXCLUSIONS, NOTICE_CHANNELS, OUTCOMES, PAUSE_REASONS, SATISFACTION_ELEMENTS, SEVERITIES, type Catalog } from '../../domain/catalog.js';
import { Roles } from '../auth/index.js';
import { CATALOG } from '../config/index.js';

@Controller('catalog')
export class CatalogController {
  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {}

  /** The configured lists a client needs to fill in a command. */
  @Get()
  @Roles(...ROLES)
  get() {
    return {
      categories: this.catalog.categories,
      departments: this.catalog.departments,
      channels: CHANNELS,
      routes: { internal: true, externalBodies: this.catalog.externalBodies },
      exclusionReasons: EXCLUSIONS,
      severities: SEVERITIES,
      pauseReasons: PAUSE_REASONS,
      outcomes: OUTCOMES,
      noticeChannels: NOTICE_CHANNELS,
      satisfactionElements: SATISFACTION_ELEMENTS,
      roles: ROLES,
    };
  }
}
