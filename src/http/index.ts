export { ACCESS_REASON, ACCESS_REASON_DOC, accessReason } from './access-reason.js';
export { configureHttp } from './configure-http.js';
export { AccessDenied, ApplicationError, BadRequest, NotFound, PayloadTooLarge, StaleRevision, StateConflict, UnknownCommand, UnsupportedMediaType, type FieldError } from './errors.js';
export { HttpModule } from './http.module.js';
export { errorAnswers, PUBLIC_ROUTE, RESTRICTED_ROUTE } from './openapi.js';
export { checkedId, decodeCursor, encodeCursor, idempotencyKey, ifMatch, INSTANT_RULE, isId, isYearInRange, parseInstant, queryParameters, YEAR_RULE } from './parameters.js';
export { isAcceptableText, TEXT_RULE } from './text.js';
export { IsInstant, parseBody, parseCommandBody } from './parse-body.js';
export { correlationIdOf, createLogger, PinoNestLogger } from './request-log.js';
