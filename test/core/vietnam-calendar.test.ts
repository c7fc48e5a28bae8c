import { describe, expect, it } from 'vitest';
import { daysBetween, isCalendarDay, shiftDay, vietnamDay, vietnamDayEnd, vietnamDayStart, vietnamMonth, vietnamYear } from '../../src/core/vietnam-calendar.js';

describe('the Vietnamese calendar day', () => {
  it('turns at 17:00 UTC, whatever the machine time zone', () => {
    expect(vietnamDay(Date.UTC(2026, 10, 25, 16, 59, 59, 999))).toBe('2026-11-25');
    expect(vietnamDay(Date.UTC(2026, 10, 25, 17, 0))).toBe('2026-11-26');
    expect(vietnamDay(Date.UTC(2026, 11, 31, 16, 59))).toBe('2026-12-31');
    expect(vietnamDay(Date.UTC(2026, 11, 31, 17, 0))).toBe('2027-01-01');
  });

  it('gives the year and month in Vietnam, not in UTC', () => {
    const newYearInHanoi = Date.UTC(2026, 11, 31, 18, 0);
    expect(vietnamYear(newYearInHanoi)).toBe(2027);
    expect(vietnamMonth(newYearInHanoi)).toBe(1);
    expect(vietnamYear(Date.UTC(2026, 11, 31, 16, 0))).toBe(2026);
    expect(vietnamMonth(Date.UTC(2026, 1, 28, 17, 0))).toBe(3);
  });

  it('starts and ends each day at 00:00 Vietnam time', () => {
    expect(new Date(vietnamDayStart('2026-12-02')).toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(new Date(vietnamDayEnd('2026-12-02')).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(vietnamDay(vietnamDayStart('2026-12-02'))).toBe('2026-12-02');
    expect(vietnamDay(vietnamDayEnd('2026-12-02') - 1)).toBe('2026-12-02');
    expect(vietnamDay(vietnamDayEnd('2026-12-02'))).toBe('2026-12-03');
  });

  it('counts calendar days across months, leap days and years', () => {
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDay('2027-02-28', 1)).toBe('2027-03-01');
    expect(shiftDay('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDay('2026-12-01')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-01', '20261201', '', 20261201, null]) expect(isCalendarDay(bad)).toBe(false);
    expect(() => shiftDay('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('displayTime', () => {
  it('writes an instant as dd/mm/yyyy hh:mm in Vietnam, across the UTC date line', async () => {
    const { displayTime } = await import('../../src/core/vietnam-calendar.js');
    expect(displayTime(Date.UTC(2026, 11, 2, 3, 5))).toBe('02/12/2026 10:05');
    expect(displayTime(Date.UTC(2026, 11, 31, 17, 0))).toBe('01/01/2027 00:00');
  });
});
