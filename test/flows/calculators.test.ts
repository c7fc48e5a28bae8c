import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/flows/calculators/figures.js';
import { findOffice, loadOffices } from '../../src/flows/calculators/offices.js';
import { employerVars, studentBhytVars, withdrawalVerdict } from '../../src/flows/calculators/others.js';
import { pensionRate, retirementAgeInYear, retirementFor } from '../../src/flows/calculators/pension.js';
import { voluntaryContribution, voluntaryLimits, voluntaryVars } from '../../src/flows/calculators/voluntary.js';
import { loadFigures } from '../../src/flows/calculators/figures-data.js';
import { ROOT } from '../helpers/test-server.js';

const figures = loadFigures(join(ROOT, 'flows/data/figures.yaml'));

const NOV_2026 = Date.UTC(2026, 10, 25);
const MAR_2026 = Date.UTC(2026, 2, 1);

describe('voluntary BHXH (fact sheet §1)', () => {
  it('2026 minimum: 22% of 1,500,000 = 330,000 đ/month', () => {
    expect(voluntaryContribution('other', 1_500_000, 1, 1_500_000).contribution).toBe(330_000);
  });
  it.each([
    ['poor', 165_000, 165_000],
    ['near-poor', 132_000, 198_000],
    ['ethnic', 99_000, 231_000],
    ['other', 66_000, 264_000],
  ] as const)('support for %s: %d, pays %d at the minimum', (group, support, pays) => {
    const r = voluntaryContribution(group, 1_500_000, 1, 1_500_000);
    expect(Math.round(r.support)).toBe(support);
    expect(Math.round(r.pays)).toBe(pays);
  });
  it('support is on the floor, not on a higher chosen income; a period multiplies the monthly amount', () => {
    const r = voluntaryContribution('poor', 5_000_000, 6, 1_500_000);
    expect(r.contribution).toBe(1_100_000);
    expect(Math.round(r.support)).toBe(165_000);
    expect(Math.round(r.perPeriod)).toBe(6 * 935_000);
  });
  it('ceiling is 20 × the reference level: 46.8M until 30/6/2026, 50.6M from 1/7/2026', () => {
    expect(voluntaryLimits(figures, MAR_2026)).toEqual({ floor: 1_500_000, ceiling: 46_800_000 });
    expect(voluntaryLimits(figures, NOV_2026)).toEqual({ floor: 1_500_000, ceiling: 50_600_000 });
  });
  it('says when a period paid now runs into months whose floor is not confirmed (audit B3)', () => {
    const dec = Date.UTC(2026, 11, 1, 3);
    expect(voluntaryVars({ group: 'other', income: 2_000_000, schedule: 1 }, figures, dec).periodConfirmed).toBe(true);
    expect(voluntaryVars({ group: 'other', income: 2_000_000, schedule: 12 }, figures, dec).periodConfirmed).toBe(false);
    expect(voluntaryVars({ group: 'other', income: 2_000_000, schedule: 6 }, figures, Date.UTC(2026, 5, 15)).periodConfirmed).toBe(true);
    expect(voluntaryVars({ group: 'other', income: 2_000_000, schedule: 12 }, figures, Date.UTC(2026, 5, 15)).periodConfirmed).toBe(false);
  });
  it('refuses to guess the 2027 floor (UNCONFIRMED)', () => {
    expect(voluntaryLimits(figures, Date.UTC(2027, 1, 1)).floor).toBeNull();
    expect(voluntaryVars({ group: 'other', income: 2_000_000, schedule: 1 }, figures, Date.UTC(2027, 1, 1)).figuresConfirmed).toBe(false);
  });
  it('formats amounts the Vietnamese way', () => {
    expect(formatMoney(330_000)).toBe('330.000 đ');
    const v = voluntaryVars({ group: 'near-poor', income: 1_500_000, schedule: 3 }, figures, NOV_2026);
    expect(v).toMatchObject({ contributionText: '330.000 đ', supportText: '132.000 đ', supportPercent: '40%', paysText: '198.000 đ', perPeriodText: '594.000 đ' });
  });
});

describe('pensions (fact sheet §1, §3)', () => {
  it('women: 45% at 15 years, +2% a year, 75% cap', () => {
    expect(pensionRate('female', 15)).toBe(0.45);
    expect(pensionRate('female', 25)).toBe(0.65);
    expect(pensionRate('female', 40)).toBe(0.75);
  });
  it('men: 45% at 20 years +2%; 15–19 years 40% +1%', () => {
    expect(pensionRate('male', 15)).toBe(0.4);
    expect(pensionRate('male', 19)).toBe(0.44);
    expect(pensionRate('male', 20)).toBe(0.45);
    expect(pensionRate('male', 35)).toBe(0.75);
  });
  it('no pension under 15 years; odd months count half or whole years', () => {
    expect(pensionRate('female', 14.9)).toBe(0);
    expect(pensionRate('female', 20.25)).toBe(0.56); // 20 years 3 months → 20.5 years: 45% + 5.5 × 2%
    expect(pensionRate('female', 20.75)).toBe(0.57); // 20 years 9 months → 21 years: 45% + 6 × 2%
  });
  it('retirement age in 2026: men 61 years 6 months, women 57', () => {
    expect(retirementAgeInYear('male', 2026)).toBe(61 * 12 + 6);
    expect(retirementAgeInYear('female', 2026)).toBe(57 * 12);
    expect(retirementAgeInYear('male', 2030)).toBe(62 * 12);
    expect(retirementAgeInYear('female', 2040)).toBe(60 * 12);
  });
  it('retires in the month the age that applies in that year is reached (NĐ 135/2020 Phụ lục I)', () => {
    // Points of the decree's table: born → retirement month and age.
    expect(retirementFor('male', 1961, 1)).toEqual({ year: 2021, month: 4, ageMonths: 60 * 12 + 3 });
    expect(retirementFor('male', 1961, 9)).toEqual({ year: 2021, month: 12, ageMonths: 60 * 12 + 3 });
    expect(retirementFor('male', 1961, 10)).toEqual({ year: 2022, month: 4, ageMonths: 60 * 12 + 6 });
    expect(retirementFor('male', 1964, 1)).toEqual({ year: 2025, month: 4, ageMonths: 61 * 12 + 3 });
    expect(retirementFor('female', 1966, 1)).toEqual({ year: 2021, month: 5, ageMonths: 55 * 12 + 4 });
    expect(retirementFor('female', 1970, 1)).toEqual({ year: 2027, month: 5, ageMonths: 57 * 12 + 4 });
    expect(retirementFor('female', 1969, 5)).toEqual({ year: 2026, month: 5, ageMonths: 57 * 12 });
    expect(retirementFor('male', 1980, 6).ageMonths).toBe(62 * 12);
    expect(retirementFor('female', 1990, 6).ageMonths).toBe(60 * 12);
    expect(retirementFor('male', 1955, 3)).toEqual({ year: 2015, month: 3, ageMonths: 60 * 12 });
  });

  it('for every birth month of several years, the age reached equals the age of that year, and not a month earlier', () => {
    for (const sex of ['male', 'female'] as const) {
      for (const year of [1960, 1961, 1963, 1964, 1966, 1968, 1970, 1972, 1975, 1980]) {
        for (let month = 1; month <= 12; month++) {
          const r = retirementFor(sex, year, month);
          const reached = (r.year * 12 + r.month) - (year * 12 + month);
          expect(reached, `${sex} ${month}/${year}`).toBe(r.ageMonths);
          expect(r.ageMonths, `${sex} ${month}/${year}`).toBe(retirementAgeInYear(sex, r.year));
          // One month earlier the person was younger than the age that applied in that month's year.
          const before = r.month === 1 ? { y: r.year - 1 } : { y: r.year };
          expect(r.ageMonths - 1, `${sex} ${month}/${year}`).toBeLessThan(retirementAgeInYear(sex, before.y));
        }
      }
    }
  });
});

describe('one-time withdrawal (fact sheet §4)', () => {
  it('follows the 1/7/2025 cut-off and the closed list of cases', () => {
    expect(withdrawalVerdict('quit', true, 5)).toBe('after-12-months');
    expect(withdrawalVerdict('quit', false, 5)).toBe('not-eligible');
    expect(withdrawalVerdict('quit', true, 21)).toBe('not-eligible');
    expect(withdrawalVerdict('emigrate', false, 3)).toBe('eligible');
    expect(withdrawalVerdict('listed-illness', false, 3)).toBe('illness-eligible');
    expect(withdrawalVerdict('incapacity', true, 25)).toBe('illness-eligible');
    // Heart, kidney or diabetes patients are judged like anyone leaving a job (audit A3).
    expect(withdrawalVerdict('other-illness', true, 5)).toBe('after-12-months');
    expect(withdrawalVerdict('other-illness', false, 5)).toBe('not-eligible');
    expect(withdrawalVerdict('retire-short', true, 10)).toBe('retire-short');
    expect(withdrawalVerdict('retire-short', true, 16)).toBe('pension');
  });
});

describe('employers and students', () => {
  it('employer 21% plus the work-accident fund (rate not confirmed, so not added), employees 10.5%', () => {
    expect(employerVars({ payroll: 100_000_000 })).toMatchObject({ employerRate: '21%', employerText: '21.000.000 đ', employeeText: '10.500.000 đ', totalText: '31.500.000 đ' });
  });
  it('student BHYT from 1/7/2026: at most 56,925 đ/month, 683,100 đ/12 months', () => {
    expect(studentBhytVars({}, figures, NOV_2026)).toMatchObject({ paysMonthText: '56.925 đ', paysYearText: '683.100 đ' });
    expect(studentBhytVars({}, figures, MAR_2026)).toMatchObject({ paysMonthText: '52.650 đ' });
  });
});

describe('offices (flows/data/offices.yaml)', () => {
  const data = loadOffices(join(ROOT, 'flows/data/offices.yaml'));
  it('finds the office for a commune typed with or without diacritics', () => {
    expect(findOffice(data, 'Phong Quang')).toMatchObject({ kind: 'found', office: { name: 'BHXH cơ sở Bắc Kạn', phone: '0209 3871 152' } });
    expect(findOffice(data, 'xa cuong loi')).toMatchObject({ kind: 'found', office: { name: 'BHXH cơ sở Na Rì' } });
    expect(findOffice(data, 'Xã Nà Phặc')).toMatchObject({ kind: 'found', office: { name: 'BHXH cơ sở Ngân Sơn' } });
    expect(findOffice(data, 'cho don')).toMatchObject({ kind: 'found', office: { name: 'BHXH cơ sở Chợ Đồn' } });
  });
  it('does not guess for unconfirmed or unknown places', () => {
    expect(findOffice(data, 'huyện Ba Bể')).toEqual({ kind: 'unconfirmed', place: 'Ba Bể' });
    expect(findOffice(data, 'Hà Nội')).toEqual({ kind: 'unknown' });
    expect(findOffice(data, '')).toEqual({ kind: 'unknown' });
  });
});
