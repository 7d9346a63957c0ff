import { Global, Module, type DynamicModule } from '@nestjs/common';
import { calendarOf } from './config.js';
import { APP_CONFIG, CALENDAR, CATALOG, CLOCK, LOGGER, MASTER_KEY, type Runtime } from './tokens.js';

/** What the service runs with: its configuration and master key, the clock and the logger, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot({ config, clock, logger, masterKey }: Runtime): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CATALOG, useValue: config.catalog },
      { provide: CALENDAR, useValue: calendarOf(config) },
      { provide: CLOCK, useValue: clock },
      { provide: LOGGER, useValue: logger },
      { provide: MASTER_KEY, useValue: masterKey },
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
