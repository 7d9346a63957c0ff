export { NOTICE_SENDER, NoticesModule } from './notices.module.js';
export { NOTICES_TABLE, noticesReadModel } from './notices.read-model.js';
export { SmtpChannel } from './channels.js';
