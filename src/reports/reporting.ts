import { Inject, Injectable } from '@nestjs/common';
import type { Catalog } from '../../domain/catalog.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { APP_CONFIG, calendarOf, CLOCK, performanceOf, reportsOf, type AppConfig, type Clock, type PerformanceConfig, type ReportsConfig } from '../config/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';

/** What every report reads: the read models, the catalog, the working calendar, the configured thresholds and the clock. */
@Injectable()
export class Reporting {
  readonly catalog: Catalog;
  readonly calendar: WorkingCalendar;
  readonly performance: PerformanceConfig;
  readonly thresholds: ReportsConfig;

  constructor(
    @Inject(READ_MODELS) readonly db: ReadModelDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) readonly clock: Clock,
  ) {
    this.catalog = config.catalog;
    this.calendar = calendarOf(config);
    this.performance = performanceOf(config);
    this.thresholds = reportsOf(config);
  }

  /** Now, as an ISO instant. */
  now(): string {
    return this.clock().toISOString();
  }
}
