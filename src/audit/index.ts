export { AccessLog } from './access-log.js';
export { AuditModule } from './audit.module.js';
export { caseFileName, writeEvidenceExport, type ExportScope } from './export/write-export.js';
