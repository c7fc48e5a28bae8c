/** The named calculators a flow's `compute` step may use: (vars, context) → vars. */
import type { Figures } from './figures-data.js';
import { findOffice, type OfficeData } from './offices.js';
import { maternityVars, oneTimeVars, unemploymentVars } from './benefits.js';
import { employerVars, studentBhytVars, withdrawalVars } from './others.js';
import { pensionVars } from './pension.js';
import { voluntaryVars } from './voluntary.js';

export interface CalculatorContext {
  now: number;
  offices: OfficeData;
  /** The dated figures of flows/data/figures.yaml. */
  figures: Figures;
}

export type Calculator = (vars: Record<string, unknown>, ctx: CalculatorContext) => Record<string, unknown>;

export const CALCULATORS: Record<string, Calculator> = {
  'voluntary-contribution': (vars, ctx) => voluntaryVars(vars, ctx.figures, ctx.now),
  'pension-estimate': (vars) => pensionVars(vars),
  'withdrawal-check': (vars) => withdrawalVars(vars),
  'employer-contribution': (vars) => employerVars(vars),
  'student-bhyt': (vars, ctx) => studentBhytVars(vars, ctx.figures, ctx.now),
  'unemployment-benefit': (vars, ctx) => unemploymentVars(vars, ctx.figures, ctx.now),
  'one-time-amount': (vars) => oneTimeVars(vars),
  'maternity-benefit': (vars, ctx) => maternityVars(vars, ctx.figures, ctx.now),
  'office-lookup': (vars, ctx) => {
    const r = findOffice(ctx.offices, String(vars.commune ?? ''));
    if (r.kind === 'found') {
      return { ...vars, officeFound: 'found', officeName: r.office.name, officeAddress: r.office.address ?? '', officePhone: r.office.phone ?? '', place: r.place, asOf: ctx.offices.as_of };
    }
    return { ...vars, officeFound: r.kind, place: r.kind === 'unconfirmed' ? r.place : String(vars.commune ?? '') };
  },
};
