/**
 * Benefit calculators: unemployment benefit (Luật Việc làm 74/2025 Điều 38–39), the one-time withdrawal amount
 * (Luật BHXH 41/2024 Điều 70 khoản 3, Điều 102 khoản 2) and maternity pay with the lump sum (Điều 53, 58–59).
 * Each result line names its article in the flow's text; amounts that change with a decree come from
 * flows/data/figures.yaml, and a day no line covers yields "not confirmed", never a guess.
 */
import { vietnamDay } from '../../core/vietnam-calendar.js';
import { formatMoney } from './figures.js';
import { figureOn, REGIONS, type Figures } from './figures-data.js';
import { countedYears } from './pension.js';

export const UNEMPLOYMENT = {
  rate: 0.6, // Đ.39 k.1: 60% of the average insured wage of the last 6 months
  capMultiple: 5, // Đ.39 k.1: at most 5 × the regional minimum wage of the last month paid
  minMonths: 12, // Đ.38 k.1: at least 12 months within the 24 (or 36) before leaving
  baseMonths: 3, // Đ.39 k.2: 3 months for 12–36 months paid…
  baseUpTo: 36,
  stepMonths: 12, // …then one more month for each further 12 months paid…
  maxMonths: 12, // …at most 12
};

/** Months of benefit for a number of months of BHTN contributions (Đ.39 k.2); 0 below the 12-month minimum. */
export function unemploymentMonths(paidMonths: number): number {
  if (paidMonths < UNEMPLOYMENT.minMonths) return 0;
  const extra = Math.floor(Math.max(0, paidMonths - UNEMPLOYMENT.baseUpTo) / UNEMPLOYMENT.stepMonths);
  return Math.min(UNEMPLOYMENT.maxMonths, UNEMPLOYMENT.baseMonths + extra);
}

export function unemploymentVars(vars: Record<string, unknown>, figures: Figures, nowMs: number): Record<string, unknown> {
  const day = vietnamDay(nowMs);
  const caps = REGIONS.map((r) => ({ region: r, wage: figureOn(figures.regionalMinimumWage[r], day) }));
  if (caps.some((c) => c.wage === null)) return { ...vars, figuresConfirmed: false };
  const paidMonths = Math.round(Number(vars.bhtnYears ?? 0) * 12);
  const wage = Number(vars.wage ?? 0);
  const months = unemploymentMonths(paidMonths);
  const raw = UNEMPLOYMENT.rate * wage;
  const lowestCap = Math.min(...caps.map((c) => UNEMPLOYMENT.capMultiple * c.wage!));
  const capped = raw > lowestCap;
  return {
    ...vars,
    figuresConfirmed: true,
    eligible: months > 0,
    paidMonths,
    benefitMonths: months,
    wageText: formatMoney(wage),
    monthlyText: formatMoney(raw),
    totalText: formatMoney(raw * months),
    capped,
    capsText: caps.map((c) => `vùng ${c.region} ${formatMoney(UNEMPLOYMENT.capMultiple * c.wage!)}`).join('; '),
  };
}

/** Months of average pay a one-time withdrawal gives: 1.5 per year before 2014, 2 per year from 2014 (odd months per Đ.5 k.6). */
export function oneTimeMonths(yearsBefore2014: number, yearsFrom2014: number): number {
  return 1.5 * countedYears(yearsBefore2014) + 2 * countedYears(yearsFrom2014);
}

export function oneTimeVars(vars: Record<string, unknown>): Record<string, unknown> {
  const before = Number(vars.yearsBefore2014 ?? 0);
  const after = Number(vars.yearsFrom2014 ?? 0);
  const wage = Number(vars.avgWage ?? 0);
  const total = before + after;
  const months = oneTimeMonths(before, after);
  const fmt = (n: number) => String(Math.round(n * 10) / 10).replace('.', ',');
  return {
    ...vars,
    underOneYear: total < 1,
    totalYearsText: fmt(total),
    monthsText: fmt(months),
    amountText: formatMoney(months * wage),
    wageText: formatMoney(wage),
    fifteenReached: total >= 15,
    yearsToFifteen: fmt(Math.max(0, 15 - total)),
  };
}

export const MATERNITY = {
  leaveMonths: 6, // BLLĐ 2019 Đ.139 k.1; Luật BHXH Đ.53 k.1
  extraPerChild: 1, // from the second child of a multiple birth
  payRate: 1, // Đ.59 k.1: 100% of the average insured wage of the last 6 months
  lumpSumMultiple: 2, // Đ.58: 2 × mức tham chiếu per child
  voluntaryPerChild: 2_000_000, // Đ.95: voluntary members' maternity allowance per child
};

export function maternityVars(vars: Record<string, unknown>, figures: Figures, nowMs: number): Record<string, unknown> {
  const ref = figureOn(figures.referenceLevel, vietnamDay(nowMs));
  if (ref === null) return { ...vars, figuresConfirmed: false };
  const babies = Math.min(5, Math.max(1, Number(vars.babies ?? 1)));
  const wage = Number(vars.wage ?? 0);
  const leave = MATERNITY.leaveMonths + MATERNITY.extraPerChild * (babies - 1);
  const pay = MATERNITY.payRate * wage * leave;
  const lump = MATERNITY.lumpSumMultiple * ref * babies;
  return {
    ...vars,
    figuresConfirmed: true,
    leaveMonths: leave,
    wageText: formatMoney(wage),
    payText: formatMoney(pay),
    lumpText: formatMoney(lump),
    lumpPerChildText: formatMoney(MATERNITY.lumpSumMultiple * ref),
    totalText: formatMoney(pay + lump),
    refText: formatMoney(ref),
    voluntaryText: formatMoney(MATERNITY.voluntaryPerChild * babies),
    babies,
  };
}
