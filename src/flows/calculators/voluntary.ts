/** What a voluntary member pays: 22% of the chosen income, less the State's support by group. */
import { formatMoney, formatPercent, VOLUNTARY } from './figures.js';
import { figureOn, type Figures } from './figures-data.js';
import { vietnamDay, vietnamMonthStart } from '../../core/vietnam-calendar.js';

export type Group = 'poor' | 'near-poor' | 'ethnic' | 'other';

export interface VoluntaryLimits {
  floor: number | null;
  ceiling: number | null;
}

/** The income range a voluntary member may choose on a day; null where the figure is not confirmed. */
export function voluntaryLimits(figures: Figures, nowMs: number): VoluntaryLimits {
  const day = vietnamDay(nowMs);
  const floor = figureOn(figures.ruralPovertyLine, day);
  const ref = figureOn(figures.referenceLevel, day);
  return { floor, ceiling: ref === null ? null : ref * VOLUNTARY.ceilingMultiple };
}

export interface VoluntaryResult {
  contribution: number;
  supportRate: number;
  support: number;
  pays: number;
  months: number;
  perPeriod: number;
}

export function voluntaryContribution(group: Group, income: number, months: number, floor: number): VoluntaryResult {
  const contribution = VOLUNTARY.rate * income;
  const supportRate = VOLUNTARY.support[group] ?? VOLUNTARY.support.other!;
  const support = supportRate * VOLUNTARY.rate * floor;
  const pays = contribution - support;
  return { contribution, supportRate, support, pays, months, perPeriod: pays * months };
}

/** The vars a flow shows: amounts formatted, plus the confirmed limits. */
export function voluntaryVars(vars: Record<string, unknown>, figures: Figures, nowMs: number): Record<string, unknown> {
  const { floor, ceiling } = voluntaryLimits(figures, nowMs);
  if (floor === null || ceiling === null) return { ...vars, figuresConfirmed: false };
  const group = (vars.group as Group) ?? 'other';
  const income = Number(vars.income ?? floor);
  const months = Number(vars.schedule ?? 1);
  const r = voluntaryContribution(group, income, months, floor);
  // A period paid now that runs past the last confirmed floor (e.g. into 2027) may be priced differently.
  const lastMonth = vietnamMonthStart(nowMs, months - 1);
  const periodConfirmed = figureOn(figures.ruralPovertyLine, lastMonth) !== null && figureOn(figures.referenceLevel, lastMonth) !== null;
  return {
    ...vars,
    figuresConfirmed: true,
    periodConfirmed,
    incomeText: formatMoney(income),
    contributionText: formatMoney(r.contribution),
    supportText: formatMoney(r.support),
    supportPercent: formatPercent(r.supportRate),
    paysText: formatMoney(r.pays),
    months: r.months,
    perPeriodText: formatMoney(r.perPeriod),
    floorText: formatMoney(floor),
    ceilingText: formatMoney(ceiling),
    rateText: formatPercent(VOLUNTARY.rate),
    supportMaxMonths: VOLUNTARY.supportMaxMonths,
  };
}
