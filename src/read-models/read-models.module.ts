import { Global, Module, type DynamicModule } from '@nestjs/common';
import { READ_MODELS, type ReadModelDatabase } from './read-model-database.js';

/** The read-model database, for every module that keeps or queries tables in it. */
@Global()
@Module({})
export class ReadModelsModule {
  static forRoot(database: ReadModelDatabase): DynamicModule {
    return { module: ReadModelsModule, providers: [{ provide: READ_MODELS, useValue: database }], exports: [READ_MODELS] };
  }
}
