import { Inject, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { APP_CONFIG, LOGGER, type AppConfig } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionsController } from './projections.controller.js';
import { ReadYourWrites } from './read-your-writes.js';
import { readModelsFor } from './registry.js';
import { PROJECTIONS } from './tokens.js';

/**
 * The read models fed from the event store: started with the app (PROJECTIONS=off: tables only, another
 * node feeds them), stopped before the store closes; their positions at `GET /projections`; a read that
 * asks to see its own writes waits for them (`ReadYourWrites`).
 */
@Module({
  controllers: [ProjectionsController],
  providers: [
    {
      provide: PROJECTIONS,
      inject: [EVENT_STORE, READ_MODELS, APP_CONFIG, LOGGER],
      useFactory: (store: EventStore, { sql, schema }: ReadModelDatabase, config: AppConfig, logger: Logger) =>
        new ProjectionRunner(store, sql, readModelsFor(config), schema, (message) => logger.error(message)),
    },
    { provide: APP_INTERCEPTOR, useClass: ReadYourWrites },
  ],
  exports: [PROJECTIONS],
})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(PROJECTIONS) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projections === 'off') await this.runner.prepare();
    else await this.runner.start();
    const stale = await this.runner.needingRebuild();
    if (stale.length > 0) {
      this.logger.warn({ readModels: stale }, `read models built by an earlier version, or with other settings (the working calendar, deadlines), are not fed until rebuilt: npm run projections:rebuild -- ${stale.join(' ')}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
