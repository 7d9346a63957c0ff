import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, LOGGER, noticesOf, type AppConfig } from '../config/index.js';
import { SmsGatewayChannel, SmtpChannel } from '../notices/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { AccessCodes } from './access-codes.js';
import { FilingAnswers } from './filing-answers.js';
import { FollowUpLinks } from './follow-up-links.js';
import { PORTAL_MAIL_LIMITS, RecipientLimit } from './recipient-limit.js';
import { NewFollowUpLinkController } from './new-follow-up-link.controller.js';
import { PortalController } from './portal.controller.js';
import { GetComplaintForPortalHandler } from './queries.js';
import { PortalFilingLimit, PortalRateLimit } from './rate-limit.js';
import { PORTAL_MAIL, PORTAL_SETTINGS, PORTAL_SMS, type PortalSettings } from './tokens.js';

/** The complaint portal (portal.controller.ts): its links, its mail and how much of it one address gets, its rate limits; and staff's new follow-up link (new-follow-up-link.controller.ts). */
@Module({
  controllers: [PortalController, NewFollowUpLinkController],
  providers: [
    { provide: FollowUpLinks, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => FollowUpLinks.open(sql, s) },
    { provide: AccessCodes, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => AccessCodes.open(sql, s) },
    { provide: FilingAnswers, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => FilingAnswers.open(sql, s) },
    {
      provide: RecipientLimit,
      inject: [READ_MODELS, PORTAL_SETTINGS],
      useFactory: ({ sql, s }: ReadModelDatabase, settings: PortalSettings) => RecipientLimit.open(sql, s, settings.mailLimits ?? PORTAL_MAIL_LIMITS),
    },
    { provide: PORTAL_SETTINGS, inject: [APP_CONFIG, LOGGER], useFactory: portalSettings },
    {
      provide: PORTAL_MAIL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const notices = noticesOf(config);
        return notices.email ? new SmtpChannel(notices.email, notices.sendTimeoutMs) : null;
      },
    },
    {
      provide: PORTAL_SMS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const notices = noticesOf(config);
        return notices.sms ? new SmsGatewayChannel(notices.sms.gatewayUrl, notices.sendTimeoutMs) : null;
      },
    },
    PortalRateLimit,
    PortalFilingLimit,
    GetComplaintForPortalHandler,
  ],
})
export class PortalModule {}

/** The portal's settings; in production without PORTAL_URL the follow-up links name this service's own address, which the log says at start. */
function portalSettings(config: AppConfig, logger: Logger): PortalSettings {
  const settings = config.portal ?? { linkLifetimeDays: 365 };
  if (config.production && settings.publicUrl === undefined) {
    logger.warn(`portal: PORTAL_URL is not set, so the follow-up links complainants are sent name this service's own address (http://localhost:${config.port}, or the loopback or network address a request reached it by); set PORTAL_URL to the portal's public address`);
  }
  return settings;
}
