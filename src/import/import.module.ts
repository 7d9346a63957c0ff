import { Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Catalog } from '../../domain/catalog.js';
import { AccessLog } from '../audit/index.js';
import { AuditModule } from '../audit/audit.module.js';
import { COMPLAINT_CODEC, type ComplaintCodec } from '../complaint-stream/index.js';
import { CATALOG, CLOCK, LOGGER, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { ImportJobs } from './import-jobs.js';
import { ImportsController, ImportUpload } from './imports.controller.js';

/**
 * Importing history while the service runs (`POST /imports`): the command line's import as jobs of
 * this process, one at a time. The events go to the service's store; the projection runner brings
 * them into the read models as it does any other.
 */
@Module({
  imports: [AuditModule],
  controllers: [ImportsController],
  providers: [
    {
      provide: ImportJobs,
      inject: [EVENT_STORE, COMPLAINT_CODEC, CATALOG, AccessLog, CLOCK, LOGGER],
      useFactory: (store: EventStore, codec: ComplaintCodec, catalog: Catalog, accessLog: AccessLog, clock: Clock, logger: Logger) =>
        ImportJobs.open({ store, codec, catalog, accessLog, clock, logger }),
    },
    ImportUpload,
  ],
})
export class ImportModule implements BeforeApplicationShutdown {
  constructor(@Inject(ImportJobs) private readonly jobs: ImportJobs) {}

  /** Before the store closes: the running job stops between rows (it fails), the queued ones fail. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
