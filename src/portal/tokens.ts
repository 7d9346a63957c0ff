export const PORTAL_SETTINGS = Symbol('PortalSettings');
export const PORTAL_MAIL = Symbol('PortalMail');
/** The SMS gateway (SMS_GATEWAY_URL) a new follow-up link goes through, or null. */
export const PORTAL_SMS = Symbol('PortalSms');

export interface PortalSettings {
  /** PORTAL_URL: the address the follow-up link starts with; when not set, the service's own (the request's Host only when it names the service itself; see serviceAddress). */
  publicUrl?: string;
  /** PORTAL_LINK_DAYS: how long a follow-up link works (default 365 days). */
  linkLifetimeDays: number;
  /** Requests a minute from one address, and on one case's link (default 60 and 30). */
  rateLimits?: { perAddressPerMinute: number; perCasePerMinute: number };
  /** PORTAL_FILING_LIMIT: complaints one client address files within a window (default 10 an hour). */
  filingLimit?: { filings: number; windowMs: number };
  /** Mails of each kind the portal sends one e-mail address within a window (default 3 links and 5 codes an hour: PORTAL_MAIL_LIMITS). */
  mailLimits?: { links: number; codes: number; windowMs: number };
}
