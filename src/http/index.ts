export { ACCESS_REASON, accessReason, honouredAccessReason, refuseAccessReason, TAKES_ACCESS_REASON, TakesAccessReason } from './access-reason.js';
export { AccessDenied, ApplicationError, BadRequest, BusyStream, NotFound, PayloadTooLarge, StaleRevision, StateConflict, UnknownCommand, UnsupportedMediaType, type FieldError } from './errors.js';
export { statusOf } from './error-filter.js';
export { checkedId, checkIfMatch, checkOneOf, decodeCursor, encodeCursor, idempotencyKey, ifMatch, INSTANT_RULE, isId, isYearInRange, noQueryParameters, parseInstant, queryInstantRule, queryParameters, YEAR_RULE, YEARS } from './parameters.js';
export { isAcceptableText, TEXT_RULE } from './text.js';
export { correlationIdOf, createLogger, PinoNestLogger } from './request-log.js';
export { FROM_READ_MODELS, READ_MODELS_HEADER, READ_YOUR_WRITES_HEADER, type ReadModelsWait } from './read-your-writes.js';
export { outageLog, OUTAGE_LOG_INTERVAL_MS, type OutageLog } from './outage-log.js';
export { utcInstants } from './utc-instants.js';
