const EMAIL = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;
/** Seven digits or more, with the separators people write phone numbers with. */
const NUMBER = /\+?\d[\d\s().-]{5,}\d/g;
const URL_CREDENTIALS = /\/\/[^/\s:@]+:[^/\s@]+@/g;
const MAX_LENGTH = 300;

/**
 * A failure as it may be recorded in an event and written to a log: the known personal values of the
 * complainant replaced, anything shaped like an e-mail address or a phone number too, credentials
 * in URLs removed, and cut short. SMTP servers and gateways like to quote the recipient back.
 */
export function scrubbedError(error: unknown, personal: readonly (string | undefined)[]): string {
  const e = error as { message?: unknown; code?: unknown; responseCode?: unknown } | null;
  let text = typeof e?.message === 'string' ? e.message : String(error);
  for (const value of personal) {
    if (value && value.trim().length >= 2) text = text.split(value.trim()).join('[redacted]');
  }
  text = text
    .replace(URL_CREDENTIALS, '//[credentials]@')
    .replace(EMAIL, '[address]')
    .replace(NUMBER, (match) => (match.replace(/\D/g, '').length >= 7 ? '[number]' : match))
    .replace(/\s+/g, ' ')
    .trim();
  const code = [e?.code, e?.responseCode].filter((c) => typeof c === 'string' || typeof c === 'number').join(' ');
  const scrubbed = code ? `${code}: ${text}` : text;
  return scrubbed.length > MAX_LENGTH ? `${scrubbed.slice(0, MAX_LENGTH - 1)}…` : scrubbed;
}
