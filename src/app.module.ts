import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import type { AuthConfig } from './auth/index.js';
import { documentSurveys } from './catalog/nest.js';
import { documentCommandRoutes } from './complaints/nest.js';
import { systemClock, type AppConfig, type Runtime } from './config/index.js';
import { documentDevRoutes } from './console/nest.js';
import { documentEvaluationRoutes } from './evaluations/nest.js';
import { openStorage, type Storage } from './event-store/index.js';
import { SERVICE_STATEMENT_LIMIT_MS } from './sql/index.js';
import { IMPORT_UPLOAD_ROUTE } from './import/index.js';
import { commandMetrics, meteredStore, Metrics } from './metrics/index.js';
import { documentImprovementRoutes } from './improvement-requests/nest.js';
import { createLogger, PinoNestLogger } from './http/index.js';
import { configureHttp, ServiceExpressAdapter } from './http/nest.js';
import { documentWhatThePortalShows } from './portal/nest.js';
import { readModelDatabase } from './read-models/index.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ConfigModule } from './config/config.module.js';
import { ConsoleModule } from './console/console.module.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpModule } from './http/http.module.js';
import { ImportModule } from './import/import.module.js';
import { ImprovementRequestsModule } from './improvement-requests/improvement-requests.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import { PortalModule } from './portal/portal.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { ReportsModule } from './reports/reports.module.js';

/**
 * The service: the runtime (configuration, clock, logger, the stores it was opened on) for every
 * module, then one module per feature. See the README's Design section for the map.
 */
@Module({})
class AppModule {
  static forRoot(runtime: Runtime, auth: AuthConfig, storage: Storage, metrics: Metrics): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        ConfigModule.forRoot(runtime),
        AuthModule.forRoot(auth),
        EventStoreModule.forRoot(meteredStore(storage.store, metrics)),
        ReadModelsModule.forRoot(readModelDatabase(storage.sql, storage.schema)),
        HttpModule,
        PersonalDataModule,
        ComplaintsModule,
        ImprovementRequestsModule,
        EvaluationsModule,
        PortalModule,
        ProjectionsModule,
        ReportsModule,
        AuditModule,
        ImportModule,
        NoticesModule,
        CatalogModule,
        HealthModule,
        MetricsModule.forRoot(metrics),
        ConsoleModule,
      ],
    };
  }
}

export interface AppOptions {
  logDestination?: DestinationStream;
  clock?: Runtime['clock'];
}

/** Builds the whole service on the configured store; `listen` and signals (see `exitGracefully`) are left to the caller. */
export async function createApp(config: AppConfig, auth: AuthConfig, masterKey: Buffer, options: AppOptions = {}): Promise<INestApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const storage = await openStorage(config.store, { statementLimitMs: SERVICE_STATEMENT_LIMIT_MS });
  try {
    const runtime: Runtime = { config, clock: options.clock ?? systemClock, logger, masterKey };
    const metrics = new Metrics();
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime, auth, storage, metrics), new ServiceExpressAdapter(), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    // TRUST_PROXY: the client's address from X-Forwarded-For, as the trusted proxies wrote it; unset, the connection's.
    if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
    app.use(commandMetrics(metrics));
    configureHttp(app, logger, [documentCommandRoutes, documentImprovementRoutes, documentEvaluationRoutes, documentDevRoutes(config.production, auth), documentSurveys(config.catalog), documentWhatThePortalShows], [IMPORT_UPLOAD_ROUTE]);
    return app;
  } catch (error) {
    await storage.store.close();
    throw error;
  }
}
