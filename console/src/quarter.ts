/** Quarters as the reports name them: `2026-Q3`. */
export function quarterOf(date: Date): string {
  // The organisation's quarters are Korean ones (UTC+9, no daylight saving).
  const seoul = new Date(date.getTime() + 9 * 3600_000);
  return `${seoul.getUTCFullYear()}-Q${Math.floor(seoul.getUTCMonth() / 3) + 1}`;
}

export function previousQuarter(quarter: string): string {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** This quarter and the ones before it, newest first. */
export function recentQuarters(now: Date, count: number): string[] {
  const list = [quarterOf(now)];
  while (list.length < count) list.push(previousQuarter(list[list.length - 1]!));
  return list;
}
