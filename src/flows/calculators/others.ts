/** Smaller calculators: one-time withdrawal eligibility, employer contributions, student BHYT. */
import { BHYT, COMPULSORY, formatMoney, formatPercent } from './figures.js';
import { figureOn, type Figures } from './figures-data.js';
import { vietnamDay } from '../../core/vietnam-calendar.js';

/** Why someone wants a one-time payment: the cases of Luật 41/2024 Đ.70 k.1 and Đ.102 k.1. */
export type WithdrawalReason = 'quit' | 'emigrate' | 'listed-illness' | 'incapacity' | 'other-illness' | 'retire-short';
export type WithdrawalVerdict = 'eligible' | 'illness-eligible' | 'retire-short' | 'after-12-months' | 'not-eligible' | 'pension';

/**
 * Luật 41/2024 Đ.70, Đ.102: who may take a one-time payment. The illnesses are a closed list (ung thư, bại
 * liệt, xơ gan mất bù, lao nặng, AIDS) or a loss of working capacity of 81% or more / very severe disability;
 * any other illness is judged like leaving a job.
 */
export function withdrawalVerdict(reason: WithdrawalReason, paidBeforeJuly2025: boolean, years: number): WithdrawalVerdict {
  switch (reason) {
    case 'emigrate':
      return 'eligible';
    case 'listed-illness':
    case 'incapacity':
      return 'illness-eligible';
    case 'retire-short':
      return years >= 15 ? 'pension' : 'retire-short';
    case 'quit':
    case 'other-illness':
      return paidBeforeJuly2025 && years < 20 ? 'after-12-months' : 'not-eligible';
  }
}

export function withdrawalVars(vars: Record<string, unknown>): Record<string, unknown> {
  const years = Number(vars.yearsPaid ?? 0);
  const verdict = withdrawalVerdict((vars.reason as WithdrawalReason) ?? 'quit', vars.firstPaid === 'before', years);
  const otherIllness = vars.reason === 'other-illness';
  // At most 2 months of average pay per year paid (1.5 for years before 2014): Đ.70 k.3.
  return { ...vars, verdict, otherIllness, monthsBack: String(Math.round(years * 2 * 10) / 10).replace('.', ','), yearsText: String(years).replace('.', ',') };
}

export function employerVars(vars: Record<string, unknown>): Record<string, unknown> {
  const payroll = Number(vars.payroll ?? 0);
  const er = COMPULSORY.employerTotal;
  const ee = COMPULSORY.employeeTotal;
  return {
    ...vars,
    payrollText: formatMoney(payroll),
    employerRate: formatPercent(er),
    employeeRate: formatPercent(ee),
    employerText: formatMoney(er * payroll),
    employeeText: formatMoney(ee * payroll),
    totalText: formatMoney((er + ee) * payroll),
  };
}

/** Student BHYT: 4.5% of the reference level, at least half paid by the State (NĐ 188/2025). */
export function studentBhytVars(vars: Record<string, unknown>, figures: Figures, nowMs: number): Record<string, unknown> {
  const ref = figureOn(figures.referenceLevel, vietnamDay(nowMs));
  if (ref === null) return { ...vars, figuresConfirmed: false };
  const full = BHYT.rate * ref;
  const pays = full * (1 - BHYT.studentSupportMin);
  return {
    ...vars,
    figuresConfirmed: true,
    fullText: formatMoney(full),
    paysMonthText: formatMoney(pays),
    paysYearText: formatMoney(pays * 12),
    refText: formatMoney(ref),
  };
}
