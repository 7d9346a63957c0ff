import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { AccessLog } from './access-log.js';
import { AuditToolsController } from './audit-tools.controller.js';
import { CaseHistoryController } from './case-history.controller.js';
import { EvidenceController } from './evidence.controller.js';
import { PersonalDataReads } from './personal-data-reads.js';
import { GetComplaintAtHandler, ListAccessLogHandler, ReplayComplaintHandler, VerifyStoreHandler } from './queries.js';
import { Sealer } from './sealer.js';

/**
 * The auditor's toolkit: time travel and replay of a case, verification of the hash chains and seals
 * (sealed while the service runs), the evidence export, and the access log of every read of personal data.
 */
@Module({
  controllers: [CaseHistoryController, AuditToolsController, EvidenceController],
  providers: [
    { provide: AccessLog, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => AccessLog.open(sql, s) },
    { provide: APP_INTERCEPTOR, useClass: PersonalDataReads },
    GetComplaintAtHandler,
    ReplayComplaintHandler,
    VerifyStoreHandler,
    ListAccessLogHandler,
    Sealer,
  ],
  exports: [AccessLog],
})
export class AuditModule {}
