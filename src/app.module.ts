import 'reflect-metadata';
import { Inject, Module, type DynamicModule, type INestApplication, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AUDIT_CONTROLLERS, AUDIT_PROVIDERS } from './audit/audit.providers.js';
import { AuthModule } from './auth/auth.module.js';
import type { AuthConfig } from './auth/auth-config.js';
import { ComplaintsController } from './complaints/complaints.controller.js';
import { ExecuteComplaintCommandHandler } from './complaints/execute-complaint-command.js';
import { openCodec, type ComplaintCodec } from './complaints/complaint-codec.js';
import type { PersonalDataVault } from './personal-data/vault.js';
import { PersonalDataController } from './personal-data/erasure.js';
import { GetComplaintEventsHandler, GetComplaintHandler, ListComplaintsHandler } from './complaints/queries.js';
import { calendarOf, performanceOf, type AppConfig } from './config/config.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { ConsoleModule } from './console/console.module.js';
import { openStorage, type Storage } from './event-store/create-event-store.js';
import { HealthController } from './health/health.controller.js';
import { ErrorFilter } from './http/error-filter.js';
import { createLogger, PinoNestLogger, requestLog } from './http/request-log.js';
import { createNoticeSender, noticeProviders } from './notices/notices.providers.js';
import type { NoticeSender } from './notices/notice-sender.js';
import type { DestinationStream } from 'pino';
import { publishApiDocs } from './http/openapi.js';
import { requireJson } from './http/require-json.js';
import { privateResponses } from './http/private-responses.js';
import { ProjectionRunner } from './projections/projection-runner.js';
import { ProjectionsController } from './projections/projections.controller.js';
import { projectionsFor } from './projections/registry.js';
import { AuditController } from './reports/audit.controller.js';
import { GetAuditTrailHandler, GetConformityHandler } from './reports/audit.queries.js';
import { RepeatOffendersController } from './reports/repeat-offenders.controller.js';
import { GetRepeatOffendersHandler } from './reports/repeat-offenders.queries.js';
import { QuarterlyController } from './reports/quarterly.controller.js';
import { GetQuarterlyReportHandler } from './reports/quarterly.queries.js';
import { SlaController } from './reports/sla.controller.js';
import { GetSlaReportHandler } from './reports/sla.queries.js';
import { APP_CONFIG, CATALOG, COMPLAINT_CODEC, EVENT_STORE, PERSONAL_DATA_VAULT, PERFORMANCE_CONFIG, PROJECTIONS, READ_MODELS, WORKING_CALENDAR } from './tokens.js';

/** Starts the projections with the app and stops them, then the store, when it closes. */
class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject('STORAGE') private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projections === 'off') await this.projections.prepare();
    else await this.projections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.storage.store.close();
  }
}

@Module({})
class AppModule {
  static with(config: AppConfig, auth: AuthConfig, storage: Storage, personal: { vault: PersonalDataVault; codec: ComplaintCodec }, notices: NoticeSender | null = null): DynamicModule {
    const projections = new ProjectionRunner(storage.store, storage.sql, projectionsFor(config), storage.schema);
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), AuthModule.forRoot(auth), ConsoleModule.with(config)],
      controllers: [HealthController, CatalogController, ComplaintsController, ProjectionsController, AuditController, RepeatOffendersController, SlaController, QuarterlyController, PersonalDataController, ...AUDIT_CONTROLLERS],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CATALOG, useValue: config.catalog },
        { provide: WORKING_CALENDAR, useValue: calendarOf(config) },
        { provide: PERFORMANCE_CONFIG, useValue: performanceOf(config) },
        { provide: 'STORAGE', useValue: storage },
        { provide: EVENT_STORE, useValue: storage.store },
        { provide: PERSONAL_DATA_VAULT, useValue: personal.vault },
        { provide: COMPLAINT_CODEC, useValue: personal.codec },
        { provide: READ_MODELS, useValue: { sql: storage.sql, s: `"${storage.schema}"` } },
        { provide: PROJECTIONS, useValue: projections },
        { provide: APP_FILTER, useClass: ErrorFilter },
        ExecuteComplaintCommandHandler,
        GetComplaintHandler,
        GetComplaintEventsHandler,
        ListComplaintsHandler,
        GetAuditTrailHandler,
        GetConformityHandler,
        GetRepeatOffendersHandler,
        GetSlaReportHandler,
        GetQuarterlyReportHandler,
        Lifecycle,
        ...noticeProviders(notices),
        ...AUDIT_PROVIDERS,
      ],
    };
  }
}

/** Builds the whole service on the configured store; `listen` is left to the caller. */
export async function createApp(config: AppConfig, auth: AuthConfig, masterKey: Buffer, options: { logDestination?: DestinationStream } = {}): Promise<INestApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const storage = await openStorage(config.store);
  try {
    const personal = await openCodec(storage, masterKey);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config, auth, storage, personal, createNoticeSender(config, storage, personal.codec, logger)), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    app.use(requestLog(logger));
    app.use(requireJson);
    app.use(privateResponses);
    app.useBodyParser('json', { limit: '100kb' });
    app.enableShutdownHooks();
    publishApiDocs(app);
    return app;
  } catch (error) {
    await storage.store.close();
    throw error;
  }
}
