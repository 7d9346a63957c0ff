export { idempotentId, idempotentRequest, IdempotencyKeyReused, IdempotencyKeys, type IdempotentRequest } from './idempotency-keys.js';
export { commandIdOf, commandMetadata, executeOnStream, MAX_ATTEMPTS, type CommandOptions, type StreamCommand } from './stream-command.js';
