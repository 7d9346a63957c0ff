export { AccessLog } from './access-log.js';
export { html, SafeHtml } from './export/html.js';
export { reportPage } from './export/report-html.js';
export { caseFileName, writeEvidenceExport, type ExportScope } from './export/write-export.js';
export { eventsAt, type Moment } from './case-history.js';
export { nameFindings, nameReport } from './name-findings.js';
export { erasuresOfCase, type ErasureRecord } from './erasure-record.js';
