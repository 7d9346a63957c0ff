import { Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { APP_CONFIG, LOGGER, operationsOf, type AppConfig } from '../config/index.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { serveMetrics } from './metrics-port.js';
import { MetricsController } from './metrics.controller.js';
import { METRICS, Metrics } from './metrics.js';
import { ReadOuts } from './read-outs.js';

/** `GET /metrics` for Prometheus (and on METRICS_PORT when set); the instruments are made by `createApp`. */
@Module({})
export class MetricsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: Server | undefined;

  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(metrics: Metrics): DynamicModule {
    return {
      module: MetricsModule,
      imports: [ProjectionsModule],
      controllers: [MetricsController],
      providers: [{ provide: METRICS, useValue: metrics }, ReadOuts],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsHost } = operationsOf(this.config);
    if (metricsPort === undefined) return;
    this.server = await serveMetrics(this.metrics, metricsPort, metricsHost);
    const { port } = this.server.address() as AddressInfo;
    this.logger.info({ metricsPort: port }, `metrics without a token on http://${metricsHost ?? 'localhost'}:${port}/metrics`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
