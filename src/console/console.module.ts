import { type DynamicModule, Module } from '@nestjs/common';
import type { Catalog } from '../../domain/catalog.js';
import { defaultConsoleDirectory } from './console-files.js';
import { ConsoleController } from './console.controller.js';
import { CONSOLE_OPTIONS, type ConsoleOptions } from './console-options.js';
import { DevTokensController } from './dev-tokens.controller.js';

/** The web console at `/` and, in development, the demo-token routes its sign-in page uses. */
@Module({})
export class ConsoleModule {
  static with(config: { production: boolean; catalog: Catalog }): DynamicModule {
    const options: ConsoleOptions = {
      production: config.production,
      catalog: config.catalog,
      directory: defaultConsoleDirectory(),
    };
    return {
      module: ConsoleModule,
      controllers: [ConsoleController, DevTokensController],
      providers: [{ provide: CONSOLE_OPTIONS, useValue: options }],
    };
  }
}
