export { NOTICE_SENDER, NoticesModule } from './notices.module.js';
export { noticesReadModel } from './notices.read-model.js';
export { SmtpChannel } from './channels.js';
