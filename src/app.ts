import 'reflect-metadata';
import { Inject, Module, type DynamicModule, type INestApplication, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuthModule } from './auth/auth.module.js';
import type { AuthConfig } from './auth/auth-config.js';
import { ComplaintsController } from './complaints/complaints.controller.js';
import { ExecuteComplaintCommandHandler } from './complaints/execute-complaint-command.js';
import { GetComplaintEventsHandler, GetComplaintHandler, ListComplaintsHandler } from './complaints/queries.js';
import type { AppConfig } from './config/config.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { openStorage, type Storage } from './event-store/create-event-store.js';
import { HealthController } from './health/health.controller.js';
import { ErrorFilter } from './http/error-filter.js';
import { createLogger, PinoNestLogger, requestLog } from './http/request-log.js';
import { publishApiDocs } from './http/openapi.js';
import { requireJson } from './http/require-json.js';
import { ProjectionRunner } from './projections/projection-runner.js';
import { ProjectionsController } from './projections/projections.controller.js';
import { PROJECTIONS_LIST } from './projections/registry.js';
import { APP_CONFIG, CATALOG, EVENT_STORE, PROJECTIONS, READ_MODELS } from './tokens.js';

/** Starts the projections with the app and stops them, then the store, when it closes. */
class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject('STORAGE') private readonly storage: Storage,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.storage.store.close();
  }
}

@Module({})
class AppModule {
  static with(config: AppConfig, auth: AuthConfig, storage: Storage): DynamicModule {
    const projections = new ProjectionRunner(storage.store, storage.sql, PROJECTIONS_LIST, storage.schema);
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), AuthModule.forRoot(auth)],
      controllers: [HealthController, CatalogController, ComplaintsController, ProjectionsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CATALOG, useValue: config.catalog },
        { provide: 'STORAGE', useValue: storage },
        { provide: EVENT_STORE, useValue: storage.store },
        { provide: READ_MODELS, useValue: { sql: storage.sql, s: `"${storage.schema}"` } },
        { provide: PROJECTIONS, useValue: projections },
        { provide: APP_FILTER, useClass: ErrorFilter },
        ExecuteComplaintCommandHandler,
        GetComplaintHandler,
        GetComplaintEventsHandler,
        ListComplaintsHandler,
        Lifecycle,
      ],
    };
  }
}

/** Builds the whole service on the configured store; `listen` is left to the caller. */
export async function createApp(config: AppConfig, auth: AuthConfig): Promise<INestApplication> {
  const logger = createLogger(config.logLevel);
  const storage = await openStorage(config.store);
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config, auth, storage), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    app.use(requestLog(logger));
    app.use(requireJson);
    app.useBodyParser('json', { limit: '100kb' });
    app.enableShutdownHooks();
    publishApiDocs(app);
    return app;
  } catch (error) {
    await storage.store.close();
    throw error;
  }
}
