/** Pension rate under the 2024 law, an indicative monthly amount, and the retirement age by birth year. */
import { formatMoney, formatPercent, PENSION, RETIREMENT } from './figures.js';

export type Sex = 'female' | 'male';

/** Years counted for the rate: whole years, plus half a year for 1–6 odd months and a year for 7–11 (Đ.5 k.6). */
export function countedYears(years: number): number {
  const whole = Math.floor(years);
  const months = Math.round((years - whole) * 12);
  return whole + (months === 0 ? 0 : months <= 6 ? 0.5 : 1);
}

export function pensionRate(sex: Sex, years: number): number {
  if (years < PENSION.minYears) return 0;
  const y = countedYears(years);
  let rate: number;
  if (sex === 'female') rate = PENSION.women.rate + PENSION.step * (y - PENSION.women.years);
  else if (y >= PENSION.men.years) rate = PENSION.men.rate + PENSION.step * (y - PENSION.men.years);
  else rate = PENSION.men.shortRate + PENSION.men.shortStep * (y - PENSION.men.shortFromYears);
  return Math.min(PENSION.cap, Math.round(rate * 1000) / 1000);
}

/** Retirement age (months) that applies in a calendar year. */
export function retirementAgeInYear(sex: Sex, year: number): number {
  const r = sex === 'male' ? RETIREMENT.men : RETIREMENT.women;
  if (year < 2021) return r.before2021;
  return Math.min(r.final, r.start2021 + r.stepMonths * (year - 2021));
}

export interface Retirement {
  /** Calendar year and month (1–12) in which the person reaches the retirement age that applies then. */
  year: number;
  month: number;
  /** That age, in months. */
  ageMonths: number;
}

/**
 * When someone born in `birthMonth`/`birthYear` retires: the first month in which their age reaches the age that
 * applies in that month's calendar year (NĐ 135/2020 Đ.4 and its Phụ lục I: the roadmap rises each year, so the
 * age to reach depends on the year in which it is reached). Retirement takes effect at the end of that month.
 */
export function retirementFor(sex: Sex, birthYear: number, birthMonth: number): Retirement {
  const born = birthYear * 12 + (birthMonth - 1);
  const r = sex === 'male' ? RETIREMENT.men : RETIREMENT.women;
  for (let age = Math.min(r.before2021, r.start2021); age <= r.final; age++) {
    const at = born + age;
    const year = Math.floor(at / 12);
    if (age >= retirementAgeInYear(sex, year)) return { year, month: (at % 12) + 1, ageMonths: age };
  }
  const at = born + r.final;
  return { year: Math.floor(at / 12), month: (at % 12) + 1, ageMonths: r.final };
}

export function pensionVars(vars: Record<string, unknown>): Record<string, unknown> {
  const sex = (vars.sex as Sex) ?? 'female';
  const total = Number(vars.yearsPaid ?? 0) + Number(vars.yearsMore ?? 0);
  const rate = pensionRate(sex, total);
  const income = Number(vars.avgIncome ?? 0);
  const birthYear = Number(vars.birthYear ?? 0);
  const birthMonth = Number(vars.birthMonth ?? 0);
  const retire = birthYear > 0 && birthMonth >= 1 && birthMonth <= 12 ? retirementFor(sex, birthYear, birthMonth) : null;
  return {
    ...vars,
    totalYears: String(Math.round(total * 10) / 10).replace('.', ','),
    eligible: total >= PENSION.minYears,
    rateText: formatPercent(rate),
    monthlyText: formatMoney(rate * income),
    incomeText: formatMoney(income),
    retireYear: retire?.year ?? '',
    retireMonth: retire?.month ?? '',
    retireAgeYears: retire ? Math.floor(retire.ageMonths / 12) : '',
    retireAgeMonths: retire ? retire.ageMonths % 12 : '',
  };
}
