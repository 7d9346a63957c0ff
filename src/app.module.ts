import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/index.js';
import { AuthModule, type AuthConfig } from './auth/index.js';
import { CatalogModule, documentSurveys } from './catalog/index.js';
import { ComplaintsModule, documentCommandRoutes } from './complaints/index.js';
import { ConfigModule, systemClock, type AppConfig, type Runtime } from './config/index.js';
import { ConsoleModule, documentDevRoutes } from './console/index.js';
import { documentEvaluationRoutes, EvaluationsModule } from './evaluations/index.js';
import { EventStoreModule, openStorage, type Storage } from './event-store/index.js';
import { SERVICE_STATEMENT_LIMIT_MS } from './sql/index.js';
import { HealthModule } from './health/index.js';
import { IMPORT_UPLOAD_ROUTE, ImportModule } from './import/index.js';
import { commandMetrics, meteredStore, Metrics, MetricsModule } from './metrics/index.js';
import { documentImprovementRoutes, ImprovementRequestsModule } from './improvement-requests/index.js';
import { configureHttp, createLogger, HttpModule, PinoNestLogger, ServiceExpressAdapter } from './http/index.js';
import { NoticesModule } from './notices/index.js';
import { PersonalDataModule } from './personal-data/index.js';
import { documentWhatThePortalShows, PortalModule } from './portal/index.js';
import { ProjectionsModule } from './projections/index.js';
import { readModelDatabase, ReadModelsModule } from './read-models/index.js';
import { ReportsModule } from './reports/index.js';

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
