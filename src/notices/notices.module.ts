import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { COMPLAINT_CODEC, type ComplaintCodec } from '../complaint-stream/index.js';
import { APP_CONFIG, calendarOf, CLOCK, LOGGER, noticesOf, type AppConfig, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { SmsGatewayChannel, SmtpChannel, type DeliveryChannel } from './channels.js';
import { NoticeSender } from './notice-sender.js';
import { NOTICE_SENDER } from './tokens.js';

/** The sender for the configured channels; without any, none, and one log line that says so. */
function noticeSender(config: AppConfig, store: EventStore, codec: ComplaintCodec, db: ReadModelDatabase, logger: Logger, clock: Clock): NoticeSender | null {
  const notices = noticesOf(config);
  const channels: DeliveryChannel[] = [];
  if (notices.email) channels.push(new SmtpChannel(notices.email, notices.sendTimeoutMs));
  if (notices.sms) channels.push(new SmsGatewayChannel(notices.sms.gatewayUrl, notices.sendTimeoutMs));
  if (channels.length === 0) {
    logger.info('notices: the sender is off (neither SMTP_URL nor SMS_GATEWAY_URL is set); notices stay pending');
    return null;
  }
  logger.info({ channels: channels.map((c) => c.channel) }, 'notices: the sender is on');
  const portalUrl = config.portal?.publicUrl;
  const rendering = { catalog: config.catalog, timeZone: calendarOf(config).timeZone, ...(notices.surveyUrl ? { surveyUrl: notices.surveyUrl } : {}), ...(portalUrl ? { portalUrl } : {}) };
  return new NoticeSender(store, codec, db, channels, notices, rendering, logger, clock);
}

/**
 * Notices to the complainant: the outbox read model (notices.read-model.ts) and the sender that
 * delivers what it holds, started with the app and stopped before the store closes.
 */
@Module({
  providers: [{ provide: NOTICE_SENDER, inject: [APP_CONFIG, EVENT_STORE, COMPLAINT_CODEC, READ_MODELS, LOGGER, CLOCK], useFactory: noticeSender }],
})
export class NoticesModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(NOTICE_SENDER) private readonly sender: NoticeSender | null) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sender?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sender?.stop();
  }
}
