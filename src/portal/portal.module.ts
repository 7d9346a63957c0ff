import { Module } from '@nestjs/common';
import { APP_CONFIG, noticesOf, type AppConfig } from '../config/index.js';
import { SmtpChannel } from '../notices/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { AccessCodes } from './access-codes.js';
import { FollowUpLinks } from './follow-up-links.js';
import { PortalController } from './portal.controller.js';
import { GetComplaintForPortalHandler } from './queries.js';
import { PortalRateLimit } from './rate-limit.js';
import { PORTAL_MAIL, PORTAL_SETTINGS, type PortalSettings } from './tokens.js';

/** The complaint portal (portal.controller.ts): its links, its mail, its rate limits. */
@Module({
  controllers: [PortalController],
  providers: [
    { provide: FollowUpLinks, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => FollowUpLinks.open(sql, s) },
    { provide: AccessCodes, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => AccessCodes.open(sql, s) },
    { provide: PORTAL_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig): PortalSettings => config.portal ?? { linkLifetimeDays: 365 } },
    {
      provide: PORTAL_MAIL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const notices = noticesOf(config);
        return notices.email ? new SmtpChannel(notices.email, notices.sendTimeoutMs) : null;
      },
    },
    PortalRateLimit,
    GetComplaintForPortalHandler,
  ],
})
export class PortalModule {}
