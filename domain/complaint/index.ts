export * from './commands.js';
export * from './complaint.js';
export * from './decider.js';
export * from './errors.js';
export * from './events.js';
export * from './lifecycle.js';
export * from './redaction.js';
export * from './reference.js';
