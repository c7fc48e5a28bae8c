/** What a voluntary member pays: 22% of the chosen income, less the State's support by group. */
import { formatMoney, formatPercent, REFERENCE_LEVEL, RURAL_POVERTY_LINE, valueOn, VOLUNTARY } from './figures.js';
import { vietnamDay } from '../../core/vietnam-calendar.js';

export type Group = 'poor' | 'near-poor' | 'ethnic' | 'other';

export interface VoluntaryLimits {
  floor: number | null;
  ceiling: number | null;
}

/** The income range a voluntary member may choose on a day; null where the figure is not confirmed. */
export function voluntaryLimits(nowMs: number): VoluntaryLimits {
  const day = vietnamDay(nowMs);
  const floor = valueOn(RURAL_POVERTY_LINE, day);
  const ref = valueOn(REFERENCE_LEVEL, day);
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
export function voluntaryVars(vars: Record<string, unknown>, nowMs: number): Record<string, unknown> {
  const { floor, ceiling } = voluntaryLimits(nowMs);
  if (floor === null || ceiling === null) return { ...vars, figuresConfirmed: false };
  const group = (vars.group as Group) ?? 'other';
  const income = Number(vars.income ?? floor);
  const months = Number(vars.schedule ?? 1);
  const r = voluntaryContribution(group, income, months, floor);
  return {
    ...vars,
    figuresConfirmed: true,
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
