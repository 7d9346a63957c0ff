/** One place where two JSON values differ: its path (`audit.decision.unansweredRequests`) and both values. */
export interface JsonDifference {
  path: string;
  stored: unknown;
  fromEvents: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where a stored read-model value differs from the one the events give, down to the object fields
 * (an array that differs is named whole): what an auditor needs to see which fact was changed.
 * Key order does not count, as in jsonb; a field `undefined` is absent, as JSON stores it.
 */
export function jsonDifferences(stored: unknown, fromEvents: unknown, path: string): JsonDifference[] {
  if (isObject(stored) && isObject(fromEvents)) {
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(fromEvents)])].sort();
    return keys.flatMap((key) => jsonDifferences(stored[key], fromEvents[key], `${path}.${key}`));
  }
  return canonical(stored) === canonical(fromEvents) ? [] : [{ path, stored, fromEvents }];
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${entries.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A value as a message shows it: JSON, cut at `max` characters. */
export function shownValue(value: unknown, max = 120): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
