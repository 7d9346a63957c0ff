export { ACCESS_REASON, ACCESS_REASON_DOC, accessReason } from './access-reason.js';
export { configureHttp } from './configure-http.js';
export { AccessDenied, ApplicationError, BadRequest, NotFound, type FieldError } from './errors.js';
export { HttpModule } from './http.module.js';
export { checkedId, decodeCursor, encodeCursor, idempotencyKey, ifMatch, isId, parseInstant, queryParameters } from './parameters.js';
export { parseBody } from './parse-body.js';
export { correlationIdOf, createLogger, PinoNestLogger } from './request-log.js';
