/** The `NoticeSender`, or null when neither SMTP nor an SMS gateway is configured. */
export const NOTICE_SENDER = Symbol('NoticeSender');
