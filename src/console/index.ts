export { ConsoleModule } from './console.module.js';
export { documentDevRoutes } from './demo-tokens.js';
