/**
 * The one rule for text from outside (bodies, query parameters, token claims): no control characters
 * and no unpaired UTF-16 surrogates. PostgreSQL refuses NUL and unpaired surrogates in text and JSON,
 * and other control characters forge log lines and terminal output. Free text keeps its layout
 * (tab, line feed, carriage return) unless `layout` is false.
 */
const CONTROL_EXCEPT_LAYOUT = /(?![\t\n\r])\p{Cc}/u;
const CONTROL = /\p{Cc}/u;

export const TEXT_RULE = 'must not contain control characters (other than tab and line breaks) or unpaired surrogates';

export function isAcceptableText(text: string, { layout = true } = {}): boolean {
  return text.isWellFormed() && !(layout ? CONTROL_EXCEPT_LAYOUT : CONTROL).test(text);
}
