import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maternityVars, oneTimeMonths, oneTimeVars, unemploymentMonths, unemploymentVars } from '../../src/flows/calculators/benefits.js';
import { figureOn, loadFigures, parseFigures } from '../../src/flows/calculators/figures-data.js';
import { ContentError } from '../../src/knowledge/content-error.js';
import { ROOT } from '../helpers/test-server.js';

const figures = loadFigures(join(ROOT, 'flows/data/figures.yaml'));
const DEC_2026 = Date.UTC(2026, 11, 1, 3);
const MAR_2026 = Date.UTC(2026, 2, 1, 3);

describe('unemployment benefit (Luật Việc làm 2025, Điều 38–39)', () => {
  it.each([
    [11, 0],
    [12, 3],
    [36, 3],
    [47, 3],
    [48, 4],
    [60, 5],
    [120, 10],
    [143, 11],
    [144, 12],
    [300, 12],
  ])('%d months paid give %d months of benefit', (paid, months) => {
    expect(unemploymentMonths(paid)).toBe(months);
  });

  it('pays 60% of the 6-month average, and says when the regional ceiling applies', () => {
    expect(unemploymentVars({ bhtnYears: 4, wage: 8_000_000 }, figures, DEC_2026)).toMatchObject({
      figuresConfirmed: true,
      eligible: true,
      paidMonths: 48,
      benefitMonths: 4,
      monthlyText: '4.800.000 đ',
      totalText: '19.200.000 đ',
      capped: false,
    });
    const high = unemploymentVars({ bhtnYears: 10, wage: 40_000_000 }, figures, DEC_2026);
    expect(high).toMatchObject({ capped: true });
    expect(high.capsText).toBe('vùng I 26.550.000 đ; vùng II 23.650.000 đ; vùng III 20.700.000 đ; vùng IV 18.500.000 đ');
  });

  it('is not eligible under 12 months, and refuses to guess minimum wages before they were set', () => {
    expect(unemploymentVars({ bhtnYears: 0.75, wage: 6_000_000 }, figures, DEC_2026)).toMatchObject({ eligible: false, benefitMonths: 0 });
    expect(unemploymentVars({ bhtnYears: 3, wage: 6_000_000 }, figures, Date.UTC(2025, 5, 1))).toMatchObject({ figuresConfirmed: false });
  });
});

describe('one-time withdrawal amount (Luật BHXH 2024, Điều 70 khoản 3)', () => {
  it('counts 1.5 months per year before 2014 and 2 from 2014, odd months as half or whole years', () => {
    expect(oneTimeMonths(0, 5)).toBe(10);
    expect(oneTimeMonths(4, 6)).toBe(18);
    expect(oneTimeMonths(0, 5.25)).toBe(11); // 5 years 3 months → 5.5 years
    expect(oneTimeMonths(2.75, 0)).toBe(4.5); // 2 years 9 months → 3 years
  });
  it('shows the amount next to what is given up and how far 15 years are', () => {
    expect(oneTimeVars({ yearsBefore2014: 0, yearsFrom2014: 5, avgWage: 6_000_000 })).toMatchObject({ monthsText: '10', amountText: '60.000.000 đ', fifteenReached: false, yearsToFifteen: '10', underOneYear: false });
    expect(oneTimeVars({ yearsBefore2014: 6, yearsFrom2014: 10, avgWage: 7_000_000 })).toMatchObject({ monthsText: '29', fifteenReached: true });
    expect(oneTimeVars({ yearsBefore2014: 0, yearsFrom2014: 0.5, avgWage: 5_000_000 })).toMatchObject({ underOneYear: true });
  });
});

describe('maternity (Luật BHXH 2024, Điều 53, 58–59)', () => {
  it('6 months at 100% plus 2 × the reference level per child; one more month per extra child', () => {
    expect(maternityVars({ babies: '1', wage: 6_000_000 }, figures, DEC_2026)).toMatchObject({ leaveMonths: 6, payText: '36.000.000 đ', lumpText: '5.060.000 đ', totalText: '41.060.000 đ', voluntaryText: '2.000.000 đ' });
    expect(maternityVars({ babies: '2', wage: 6_000_000 }, figures, DEC_2026)).toMatchObject({ leaveMonths: 7, payText: '42.000.000 đ', lumpText: '10.120.000 đ', voluntaryText: '4.000.000 đ' });
    expect(maternityVars({ babies: '1', wage: 6_000_000 }, figures, MAR_2026)).toMatchObject({ lumpText: '4.680.000 đ' });
  });
});

describe('figures that change (flows/data/figures.yaml)', () => {
  it('holds the 2026 figures of the fact sheet', () => {
    expect(figureOn(figures.referenceLevel, '2026-06-30')).toBe(2_340_000);
    expect(figureOn(figures.referenceLevel, '2026-07-01')).toBe(2_530_000);
    expect(figureOn(figures.ruralPovertyLine, '2026-12-31')).toBe(1_500_000);
    expect(figureOn(figures.ruralPovertyLine, '2027-01-01')).toBeNull();
    expect(figureOn(figures.regionalMinimumWage.IV, '2026-12-01')).toBe(3_700_000);
  });

  const base = (extra: string) =>
    `reference_level:\n  - { from: 2024-07-01, until: 2026-06-30, amount: 2340000, basis: NĐ 73/2024, source: "https://a.vn" }\n  - { from: 2026-07-01, amount: 2530000, basis: NĐ 161/2026, source: "https://a.vn" }${extra}\n` +
    'rural_poverty_line:\n  - { from: 2022-01-01, amount: 1500000, basis: NĐ 351/2025, source: "https://a.vn" }\n' +
    'regional_minimum_wage:\n' +
    ['I', 'II', 'III', 'IV'].map((r) => `  ${r}:\n    - { from: 2026-01-01, amount: 3700000, basis: NĐ 293/2025, source: "https://a.vn" }\n`).join('');

  it('a new decree is one more line that closes the previous one', () => {
    const text = base('').replace(
      '  - { from: 2026-07-01, amount: 2530000, basis: NĐ 161/2026, source: "https://a.vn" }',
      '  - { from: 2026-07-01, until: 2027-06-30, amount: 2530000, basis: NĐ 161/2026, source: "https://a.vn" }\n  - { from: 2027-07-01, amount: 2800000, basis: NĐ 999/2027, source: "https://a.vn" }',
    );
    const f = parseFigures(text);
    expect(figureOn(f.referenceLevel, '2027-06-30')).toBe(2_530_000);
    expect(figureOn(f.referenceLevel, '2027-07-01')).toBe(2_800_000);
  });

  it('stops with the field when lines overlap, leave a gap or lack their source', () => {
    const gap = base('').replace('from: 2026-07-01, amount: 2530000', 'from: 2026-07-05, amount: 2530000');
    expect(() => parseFigures(gap)).toThrow(ContentError);
    expect(() => parseFigures(gap)).toThrow(/reference_level\[1\]\.from: must be the day after 2026-06-30/);
    expect(() => parseFigures(base('').replace('source: "https://a.vn" }\nrural', '}\nrural'))).toThrow(/rural_poverty_line|reference_level/);
    expect(() => parseFigures(base('').replace('2024-07-01', '2024-02-30'))).toThrow(/YYYY-MM-DD/);
  });
});
