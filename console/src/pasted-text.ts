/**
 * Zero-width characters that text copied from web pages and messengers brings along: the zero-width
 * space (U+200B), the word joiner and the invisible operators (U+2060–U+2064), the Mongolian vowel
 * separator (U+180E) and the byte-order mark (U+FEFF). They draw nothing, so taking them out changes
 * nothing the person sees; the API refuses them (src/http/text.ts), so the portal takes them out before
 * sending. Characters that change what is seen (bidirectional controls, the Braille blank) stay and are
 * refused, with the reason in the page's language; the joiners emoji and some scripts need stay too.
 */
const ZERO_WIDTH = /[\u180E\u200B\u2060-\u2064\uFEFF]/gu;

export function withoutZeroWidth(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/** A request body with the zero-width characters taken out of every text in it: a `JSON.stringify` replacer. */
export const pastedTextCleaned = (_key: string, value: unknown): unknown => (typeof value === 'string' ? withoutZeroWidth(value) : value);
