/**
 * The one rule for text from outside (bodies, query parameters, headers, token claims): no control
 * characters, no bidirectional controls or invisible characters, and no unpaired UTF-16 surrogates.
 * PostgreSQL refuses NUL and unpaired surrogates in text and JSON; other control characters forge
 * log lines and terminal output; bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C) show text in another order than it is stored, and zero-width characters (U+200B,
 * U+2060–U+2064, U+FEFF, …) and the Braille blank (U+2800, drawn as a space) make two texts that read
 * the same differ, or a blank one look filled.
 * The joiners (ZWJ U+200D, ZWNJ U+200C), variation selectors and Hangul fillers stay: emoji
 * sequences and some scripts need them, so text made only of them and whitespace counts as blank
 * and is refused too. Free text keeps its layout (tab, line feed, carriage return) unless `layout`
 * is false.
 */
const CONTROL_EXCEPT_LAYOUT = /(?![\t\n\r])\p{Cc}/u;
const CONTROL = /\p{Cc}/u;
/** Bidirectional controls and zero-width or invisible format characters. */
const INVISIBLE = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u2800\uFEFF\uFFF9-\uFFFB]/u;
/** Text that shows nothing but has something: whitespace and characters rendered as nothing. */
const BLANK_BUT_INVISIBLE = /^(?=[\s\p{Default_Ignorable_Code_Point}]*\p{Default_Ignorable_Code_Point})[\s\p{Default_Ignorable_Code_Point}]*$/u;

export const TEXT_RULE =
  'must not contain control characters (other than tab and line breaks), bidirectional controls, invisible characters (joiners only within visible text) or unpaired surrogates';

export function isAcceptableText(text: string, { layout = true } = {}): boolean {
  return text.isWellFormed() && !(layout ? CONTROL_EXCEPT_LAYOUT : CONTROL).test(text) && !INVISIBLE.test(text) && !BLANK_BUT_INVISIBLE.test(text);
}
