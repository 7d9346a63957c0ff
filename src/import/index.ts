export { ImportModule } from './import.module.js';
export { IMPORT_UPLOAD_ROUTE } from './imports.controller.js';
