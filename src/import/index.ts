export { IMPORT_UPLOAD_ROUTE } from './imports.controller.js';
