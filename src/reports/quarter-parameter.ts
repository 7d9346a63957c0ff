import { isQuarter, type Quarter } from '../../projections/quarterly.js';
import { isYearInRange, YEAR_RULE, type FieldError } from '../http/index.js';

/** `?quarter=2026-Q3`, required, in the years every instant may have; anything else is an error naming `quarter`. */
export function quarterParameter(text: string | undefined, errors: FieldError[]): Quarter | undefined {
  if (errors.some((e) => e.field === 'quarter')) return undefined;
  const rule =
    text === undefined
      ? 'is required, e.g. 2026-Q3'
      : /^\d{4}-Q[1-4]$/.test(text) && !isYearInRange(Number(text.slice(0, 4)))
        ? YEAR_RULE
        : !isQuarter(text)
          ? 'must be a quarter such as 2026-Q3'
          : undefined;
  if (rule === undefined) return text;
  errors.push({ field: 'quarter', rule });
  return undefined;
}
