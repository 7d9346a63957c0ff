import type { Provider, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { ReadModels } from '../complaints/queries.js';
import { READ_MODELS } from '../tokens.js';
import { AccessLog } from './access-log.js';
import { AuditToolsController } from './audit-tools.controller.js';
import { CaseHistoryController } from './case-history.controller.js';
import { PersonalDataReads } from './personal-data-reads.js';
import { GetComplaintAtHandler, ListAccessLogHandler, ReplayComplaintHandler, VerifyStoreHandler } from './queries.js';
import { Sealer } from './sealer.js';

/** The auditor toolkit's routes: time travel, replay, verification, the access log. */
export const AUDIT_CONTROLLERS: Type[] = [CaseHistoryController, AuditToolsController];

export const AUDIT_PROVIDERS: Provider[] = [
  {
    provide: AccessLog,
    inject: [READ_MODELS],
    useFactory: async ({ sql, s }: ReadModels) => {
      const log = new AccessLog(sql, s);
      await log.migrate();
      return log;
    },
  },
  { provide: APP_INTERCEPTOR, useClass: PersonalDataReads },
  GetComplaintAtHandler,
  ReplayComplaintHandler,
  VerifyStoreHandler,
  ListAccessLogHandler,
  Sealer,
];
