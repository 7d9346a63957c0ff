import type { Complainant } from './complaint/events.js';

/**
 * The identifiers a complainant is recognised by, normalised: the phone number and the e-mail
 * address; by name and address only when neither was given; by nothing when nothing was given (an
 * unidentified complainant is nobody's repeat). Feed them to a keyed hash, never store them.
 */
export function complainantIdentifiers(complainant: Complainant): string[] {
  const ids: string[] = [];
  const phone = normalisePhone(complainant.phone);
  const email = normaliseText(complainant.email);
  if (phone) ids.push(`phone:${phone}`);
  if (email) ids.push(`email:${email}`);
  const [name, address] = [normaliseText(complainant.name), normaliseText(complainant.address)];
  if (ids.length === 0 && (name || address)) ids.push(`name:${name}|${address}`);
  return ids;
}

/** Digits only, the Korean country code replaced by the trunk prefix: "+82 10-1234-5678" → "01012345678". */
function normalisePhone(phone: string | undefined): string {
  const digits = (phone ?? '').normalize('NFKC').replace(/\D/g, '');
  return digits.startsWith('82') && digits.length >= 11 ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
}

function normaliseText(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
