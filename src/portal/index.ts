export { documentWhatThePortalShows } from './portal-docs.js';
export { PortalModule } from './portal.module.js';
