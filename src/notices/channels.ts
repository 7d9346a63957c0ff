import nodemailer, { type Transporter } from 'nodemailer';
import type { ElectronicChannel } from '../../domain/complaint/events.js';
import type { RenderedNotice } from './render.js';

/** Delivers a rendered notice on one channel, or throws. */
export interface DeliveryChannel {
  readonly channel: ElectronicChannel;
  deliver(noticeId: string, message: RenderedNotice): Promise<void>;
  close(): void;
}

/**
 * E-mail over SMTP. The Message-ID is made from the notice id: if the service dies between handing a
 * message to the server and recording that it did, the next try sends the same Message-ID again, and
 * the receiving side can drop the duplicate.
 */
export class SmtpChannel implements DeliveryChannel {
  readonly channel = 'email';
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    settings: { smtpUrl: string; from: string },
    timeoutMs: number,
  ) {
    this.transport = nodemailer.createTransport(
      { url: settings.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, dnsTimeout: timeoutMs },
      { from: settings.from },
    );
    this.domain = /@([^\s@<>]+)>?\s*$/.exec(settings.from)?.[1] ?? 'notices.invalid';
  }

  async deliver(noticeId: string, message: RenderedNotice): Promise<void> {
    if (message.channel !== 'email') throw new TypeError(`an ${message.channel} notice cannot go by e-mail`);
    await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${noticeId}@${this.domain}>`,
    });
  }

  close(): void {
    this.transport.close();
  }
}

export class SmsGatewayError extends Error {
  override readonly name = 'SmsGatewayError';
}

/** SMS through an HTTP gateway: POST `{ to, text, id }` as JSON; any 2xx means delivered. `id` lets the gateway drop a repeat. */
export class SmsGatewayChannel implements DeliveryChannel {
  readonly channel = 'sms';

  constructor(
    private readonly gatewayUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async deliver(noticeId: string, message: RenderedNotice): Promise<void> {
    if (message.channel !== 'sms') throw new TypeError(`an ${message.channel} notice cannot go by SMS`);
    const response = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.to, text: message.text, id: noticeId }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // The gateway's answer may quote the number or the text back: only its status is kept.
    await response.body?.cancel();
    if (!response.ok) throw new SmsGatewayError(`the SMS gateway answered ${response.status}`);
  }

  close(): void {}
}
