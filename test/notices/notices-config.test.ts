import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, loadNoticesConfig } from '../../src/config/config.js';

describe('the notice configuration', () => {
  it('without SMTP_URL or SMS_GATEWAY_URL has no channel: the sender is off', () => {
    const config = loadNoticesConfig({});
    expect(config.email).toBeUndefined();
    expect(config.sms).toBeUndefined();
    expect(config).toMatchObject({ pollIntervalMs: 1_000, retry: { firstDelayMs: 60_000, maxDelayMs: 3_600_000, maxAttempts: 6 }, sendTimeoutMs: 15_000, maxAgeMs: 168 * 3_600_000 });
  });

  it('reads the SMTP server, the sender address, the SMS gateway and the retry rules', () => {
    const config = loadNoticesConfig({
      SMTP_URL: 'smtps://user:pass@smtp.example.go.kr:465',
      NOTICE_FROM: '민원실 <minwon@example.go.kr>',
      SMS_GATEWAY_URL: 'https://sms.example.go.kr/send',
      NOTICE_RETRY_FIRST_DELAY_MS: '1000',
      NOTICE_RETRY_MAX_DELAY_MS: '8000',
      NOTICE_MAX_ATTEMPTS: '4',
      NOTICE_SURVEY_URL: 'https://example.go.kr/survey?case={complaintId}',
    });
    expect(config).toMatchObject({
      email: { smtpUrl: 'smtps://user:pass@smtp.example.go.kr:465', from: '민원실 <minwon@example.go.kr>' },
      sms: { gatewayUrl: 'https://sms.example.go.kr/send' },
      retry: { firstDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 4 },
      surveyUrl: 'https://example.go.kr/survey?case={complaintId}',
    });
  });

  it('refuses SMTP without a sender address, and addresses that are not URLs of the right kind', () => {
    expect(() => loadNoticesConfig({ SMTP_URL: 'smtp://localhost:25' })).toThrow(new ConfigError('NOTICE_FROM', 'is required with SMTP_URL: the address notices are sent from'));
    expect(() => loadNoticesConfig({ SMTP_URL: 'http://localhost', NOTICE_FROM: 'a@b.kr' })).toThrow(/SMTP_URL: must be a URL \(smtp: or smtps:\)/);
    expect(() => loadNoticesConfig({ SMS_GATEWAY_URL: 'not a url' })).toThrow(/SMS_GATEWAY_URL: must be a URL/);
    expect(() => loadNoticesConfig({ NOTICE_FROM: 'nobody' })).toThrow(/NOTICE_FROM: must be an e-mail address/);
    expect(() => loadNoticesConfig({ NOTICE_MAX_ATTEMPTS: '0' })).toThrow(/NOTICE_MAX_ATTEMPTS: must be a whole number of at least 1/);
  });

  it('is part of the service configuration', () => {
    expect(loadConfig({ SMS_GATEWAY_URL: 'http://127.0.0.1:9000/sms' }).notices?.sms).toEqual({ gatewayUrl: 'http://127.0.0.1:9000/sms' });
  });
});
