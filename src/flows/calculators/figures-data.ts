/**
 * flows/data/figures.yaml: the figures that change with a decree (mức tham chiếu, the rural poverty line, the
 * regional minimum wages), each as dated lines with their legal basis and source. Validated at start: dates
 * real, lines in order and not overlapping, so that a new decree is one line and a mistake stops start-up
 * with the file and the field.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { isCalendarDay, shiftDay } from '../../core/vietnam-calendar.js';
import { ContentError } from '../../knowledge/content-error.js';

// The yaml package reads YAML 1.2, where 2026-07-01 stays a string.
const day = z.string().refine(isCalendarDay, 'must be a date written YYYY-MM-DD');

const line = z.object({ from: day, until: day.optional(), amount: z.number().int().positive(), basis: z.string().min(3), source: z.string().url() }).strict();
const schedule = z.array(line).min(1);
const fileSchema = z
  .object({
    reference_level: schedule,
    rural_poverty_line: schedule,
    regional_minimum_wage: z.object({ I: schedule, II: schedule, III: schedule, IV: schedule }).strict(),
  })
  .strict();

export type DatedFigure = z.infer<typeof line>;
export type Region = 'I' | 'II' | 'III' | 'IV';
export const REGIONS: readonly Region[] = ['I', 'II', 'III', 'IV'];

export interface Figures {
  referenceLevel: readonly DatedFigure[];
  ruralPovertyLine: readonly DatedFigure[];
  regionalMinimumWage: Readonly<Record<Region, readonly DatedFigure[]>>;
}

/** The amount in force on a day (YYYY-MM-DD), or null where no line covers it (not confirmed). */
export function figureOn(lines: readonly DatedFigure[], isoDay: string): number | null {
  const hit = lines.find((d) => d.from <= isoDay && (!d.until || isoDay <= d.until));
  return hit ? hit.amount : null;
}

function checkOrder(path: string, lines: readonly DatedFigure[]): void {
  lines.forEach((l, i) => {
    if (l.until && l.until < l.from) throw new ContentError('flows/data/figures.yaml', `${path}[${i}].until`, 'is before from');
    const next = lines[i + 1];
    if (!next) return;
    if (!l.until) throw new ContentError('flows/data/figures.yaml', `${path}[${i}].until`, 'missing: a later line follows');
    if (next.from !== shiftDay(l.until, 1)) throw new ContentError('flows/data/figures.yaml', `${path}[${i + 1}].from`, `must be the day after ${l.until}`);
  });
}

export function parseFigures(text: string): Figures {
  const parsed = fileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentError('flows/data/figures.yaml', issue.path.join('.') || '(file)', issue.message);
  }
  const d = parsed.data;
  checkOrder('reference_level', d.reference_level);
  checkOrder('rural_poverty_line', d.rural_poverty_line);
  for (const r of REGIONS) checkOrder(`regional_minimum_wage.${r}`, d.regional_minimum_wage[r]);
  return { referenceLevel: d.reference_level, ruralPovertyLine: d.rural_poverty_line, regionalMinimumWage: d.regional_minimum_wage };
}

export function loadFigures(file: string): Figures {
  return parseFigures(readFileSync(file, 'utf8'));
}
