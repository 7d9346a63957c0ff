import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { IdempotencyKeys } from '../commands/index.js';
import { APP_CONFIG, CALENDAR, CLOCK, LOGGER, noticesOf, type AppConfig, type Clock } from '../config/index.js';
import { SmtpChannel } from '../notices/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { ExecuteImprovementCommandHandler } from './execute-improvement-command.js';
import { ImprovementNotices } from './improvement-notices.js';
import { ImprovementRequestsController } from './improvement-requests.controller.js';
import { GetImprovementRequestHandler, ImprovementReportHandler, ListImprovementRequestsHandler } from './queries.js';

const IMPROVEMENT_NOTICES = Symbol('ImprovementNotices');

/** The staff notices, with SMTP and staff addresses configured; else none, and one log line that says so. */
function improvementNotices(config: AppConfig, db: ReadModelDatabase, calendar: WorkingCalendar, clock: Clock, logger: Logger): ImprovementNotices | null {
  const notices = noticesOf(config);
  if (!notices.email || !notices.staff) {
    logger.info('improvement notices: off (they need SMTP_URL, NOTICE_FROM and NOTICE_STAFF_ADDRESSES)');
    return null;
  }
  return new ImprovementNotices(db, new SmtpChannel(notices.email, notices.sendTimeoutMs), notices.staff, notices, calendar, clock, logger);
}

/** Improvement requests: their commands over HTTP, the request as it stands, its events, the list and the report, and the notices to staff. */
@Module({
  controllers: [ImprovementRequestsController],
  providers: [
    { provide: IdempotencyKeys, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => IdempotencyKeys.open(sql, s) },
    ExecuteImprovementCommandHandler, GetImprovementRequestHandler, ListImprovementRequestsHandler, ImprovementReportHandler,
    { provide: IMPROVEMENT_NOTICES, inject: [APP_CONFIG, READ_MODELS, CALENDAR, CLOCK, LOGGER], useFactory: improvementNotices },
  ],
})
export class ImprovementRequestsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(IMPROVEMENT_NOTICES) private readonly notices: ImprovementNotices | null) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notices?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.notices?.stop();
  }
}
