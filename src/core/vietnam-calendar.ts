/**
 * The one answer to "which day is it in Vietnam". Vietnam keeps UTC+7 all year (no daylight saving time), so a
 * calendar day there runs from 17:00 UTC of the day before to 17:00 UTC. Counts, dashboards, date filters,
 * "reviewed" dates and the calculators' "figures in force today" all use these functions, never the machine's
 * time zone and never the UTC date. Days are written YYYY-MM-DD.
 */

export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Vietnamese calendar day of an instant, YYYY-MM-DD. */
export function vietnamDay(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar year in Vietnam at an instant. */
export function vietnamYear(ms: number): number {
  return new Date(ms + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** The calendar month in Vietnam at an instant, 1–12. */
export function vietnamMonth(ms: number): number {
  return new Date(ms + VIETNAM_OFFSET_MS).getUTCMonth() + 1;
}

/** The first day (YYYY-MM-DD) of the Vietnamese month `ahead` months after the one an instant falls in. */
export function vietnamMonthStart(ms: number, ahead = 0): string {
  const index = vietnamYear(ms) * 12 + (vietnamMonth(ms) - 1) + ahead;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s;
}

function utcMidnight(day: string): number {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

/** A day as people in Vietnam write it: 2026-12-01 → 01/12/2026 (anything else is returned as it is). */
export function displayDay(day: string): string {
  const m = DAY.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** An instant as staff read it: "02/12/2026 10:05", Vietnam's time. */
export function displayTime(ms: number): string {
  const iso = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
  return `${displayDay(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** The first instant of a Vietnamese day (00:00 in Vietnam = 17:00 UTC the day before). */
export function vietnamDayStart(day: string): number {
  return utcMidnight(day) - VIETNAM_OFFSET_MS;
}

/** The first instant after a Vietnamese day (exclusive end): the start of the next day. */
export function vietnamDayEnd(day: string): number {
  return vietnamDayStart(day) + DAY_MS;
}

/** The day `days` calendar days after (or, negative, before) `day`. */
export function shiftDay(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive, at most `max` of them. */
export function daysBetween(from: string, to: string, max = 400): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < max; d = shiftDay(d, 1)) out.push(d);
  return out;
}
