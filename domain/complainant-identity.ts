import type { Complainant } from './complaint/events.js';

/**
 * What an import writes that is no real contact data: placeholder texts (a name the source did not
 * have), and fields that do not hold the complainant's own contact (an address that is the place of
 * the problem, or only a state and ZIP code). They identify nobody.
 */
export interface NotIdentifying {
  placeholders?: readonly string[];
  fields?: readonly (keyof Pick<Complainant, 'name' | 'phone' | 'email' | 'address'>)[];
}

/**
 * The identifiers a complainant is recognised by, normalised: the phone number and the e-mail
 * address; by name and address only when neither was given; by nothing when nothing real was given
 * (an unidentified complainant, or one known only by placeholders, is nobody's repeat). Feed them to
 * a keyed hash, never store them.
 */
export function complainantIdentifiers(complainant: Complainant, notIdentifying: NotIdentifying = {}): string[] {
  const placeholders = new Set((notIdentifying.placeholders ?? []).map(normaliseText));
  const real = (field: 'name' | 'phone' | 'email' | 'address'): string | undefined => {
    const value = complainant[field];
    return notIdentifying.fields?.includes(field) || placeholders.has(normaliseText(value)) ? undefined : value;
  };
  const ids: string[] = [];
  const phone = normalisePhone(real('phone'));
  const email = normaliseText(real('email'));
  if (phone) ids.push(`phone:${phone}`);
  if (email) ids.push(`email:${email}`);
  const [name, address] = [normaliseText(real('name')), normaliseText(real('address'))];
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
