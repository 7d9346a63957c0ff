import { forwardRef, Global, Inject, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditModule } from '../audit/audit.module.js';
import { COMPLAINT_CODEC, ComplaintCodec } from '../complaint-stream/index.js';
import { LOGGER, MASTER_KEY } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { PersonalDataErasure } from './erasure.js';
import { fillLinks } from './fill-links.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PERSONAL_DATA_VAULT } from './tokens.js';
import { PersonalDataVault } from './vault.js';

/**
 * The complainant's personal data: the vault of data keys, the codec that seals it into the
 * complaint streams (for every module that reads or writes them), erasure and the retention rule.
 * At start-up, a master key that opens none of the store's data keys is refused (before any module
 * starts working), and a store written before the vault kept the links between a person's keys gets
 * them from its stored receipts (once).
 */
@Global()
@Module({
  // The access log records each erasure (forwardRef: the audit module reaches this one through the read models' registry).
  imports: [forwardRef(() => AuditModule)],
  controllers: [PersonalDataController],
  providers: [
    {
      provide: PERSONAL_DATA_VAULT,
      inject: [READ_MODELS, MASTER_KEY],
      useFactory: ({ sql, s }: ReadModelDatabase, masterKey: Buffer) => PersonalDataVault.open(sql, s, masterKey),
    },
    { provide: COMPLAINT_CODEC, inject: [PERSONAL_DATA_VAULT], useFactory: (vault: PersonalDataVault) => new ComplaintCodec(vault) },
    PersonalDataErasure,
  ],
  exports: [PERSONAL_DATA_VAULT, COMPLAINT_CODEC],
})
export class PersonalDataModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Here, not in the vault's factory: a refusal there would end the process inside Nest, not reject the start. */
  async onModuleInit(): Promise<void> {
    await this.vault.assertMasterKeyOpens();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.vault.linksMissing())) return;
    this.logger.info('personal data: recording the links between complainant keys from the stored receipts (once, for a store written before the vault kept them)');
    await fillLinks(this.vault, this.store, (error) => this.logger.warn(`personal data: recording links failed, will try again: ${(error as Error)?.message ?? String(error)}`));
    this.logger.info('personal data: links recorded');
  }
}
