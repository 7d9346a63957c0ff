export { NOTICE_SENDER } from './tokens.js';
export { noticeBacklog, OUTBOX_CHANNELS, type NoticeBacklog } from './notice-backlog.js';
export { noticesReadModel } from './notices.read-model.js';
export { SmsGatewayChannel, SmtpChannel } from './channels.js';
export { CONSENT_WORDING } from './consent-wording.js';
