import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { defaultConsoleDirectory } from './console-files.js';
import { ConsoleController } from './console.controller.js';
import { CONSOLE_OPTIONS, type ConsoleOptions } from './console-options.js';
import { DevTokensController } from './dev-tokens.controller.js';

/** The web console at `/` and, in development, the demo-token routes its sign-in page uses. */
@Module({
  controllers: [ConsoleController, DevTokensController],
  providers: [
    {
      provide: CONSOLE_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: ({ production, catalog }: AppConfig): ConsoleOptions => ({ production, catalog, directory: defaultConsoleDirectory() }),
    },
  ],
})
export class ConsoleModule {}
