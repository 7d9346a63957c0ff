export { AccessLog } from './access-log.js';
export { AuditModule } from './audit.module.js';
export { caseFileName, writeEvidenceExport, type ExportScope } from './export/write-export.js';
export { eventsAt, type Moment } from './case-history.js';
export { momentOf } from './queries.js';
export { html, SafeHtml } from './export/html.js';
