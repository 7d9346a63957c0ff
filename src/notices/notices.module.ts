import { Inject, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { calendarOf, noticesOf, type AppConfig } from '../config/config.js';
import type { ComplaintCodec } from '../complaints/complaint-codec.js';
import type { Storage } from '../event-store/create-event-store.js';
import { NOTICE_SENDER } from '../tokens.js';
import { SmsGatewayChannel, SmtpChannel, type DeliveryChannel } from './channels.js';
import { NoticeSender } from './notice-sender.js';

/** The sender for the configured channels; without any, none, and one log line that says so. */
export function createNoticeSender(config: AppConfig, storage: Storage, codec: ComplaintCodec, logger: Logger): NoticeSender | null {
  const notices = noticesOf(config);
  const channels: DeliveryChannel[] = [];
  if (notices.email) channels.push(new SmtpChannel(notices.email, notices.sendTimeoutMs));
  if (notices.sms) channels.push(new SmsGatewayChannel(notices.sms.gatewayUrl, notices.sendTimeoutMs));
  if (channels.length === 0) {
    logger.info('notices: the sender is off (neither SMTP_URL nor SMS_GATEWAY_URL is set); notices stay pending');
    return null;
  }
  logger.info({ channels: channels.map((c) => c.channel) }, 'notices: the sender is on');
  return new NoticeSender(storage.store, codec, storage.sql, storage.schema, channels, notices, {
    catalog: config.catalog,
    timeZone: calendarOf(config).timeZone,
    ...(notices.surveyUrl ? { surveyUrl: notices.surveyUrl } : {}),
  }, logger);
}

/** Starts the sender with the app; stops it before the store closes. */
class NoticeSenderLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(NOTICE_SENDER) private readonly sender: NoticeSender | null) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sender?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sender?.stop();
  }
}

export function noticeProviders(sender: NoticeSender | null): Provider[] {
  return [{ provide: NOTICE_SENDER, useValue: sender }, NoticeSenderLifecycle];
}
