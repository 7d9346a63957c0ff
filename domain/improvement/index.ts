export * from './commands.js';
export * from './decider.js';
export * from './due-date.js';
export * from './errors.js';
export * from './events.js';
export * from './lifecycle.js';
export * from './request.js';
export * from './access.js';
