import { Global, Module } from '@nestjs/common';
import { COMPLAINT_CODEC, ComplaintCodec } from '../complaint-stream/index.js';
import { MASTER_KEY } from '../config/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { PersonalDataErasure } from './erasure.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PERSONAL_DATA_VAULT } from './tokens.js';
import { PersonalDataVault } from './vault.js';

/**
 * The complainant's personal data: the vault of data keys, the codec that seals it into the
 * complaint streams (for every module that reads or writes them), erasure and the retention rule.
 */
@Global()
@Module({
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
export class PersonalDataModule {}
