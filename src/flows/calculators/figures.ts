/**
 * The figures the calculators use, each from ../shared/reference/bhxh-facts.md with its legal basis. Amounts
 * that depend on the date are schedules; a date past the last confirmed value yields `null` so that the flow
 * says where to ask instead of guessing (e.g. the 2027 voluntary floor is UNCONFIRMED).
 */

interface Dated {
  from: string; // YYYY-MM-DD, inclusive
  until?: string; // YYYY-MM-DD, inclusive; absent = still in force
  amount: number;
}

/** Mức tham chiếu = lương cơ sở (Luật 41/2024 Đ.141 k.13; NĐ 73/2024; NĐ 161/2026). */
export const REFERENCE_LEVEL: Dated[] = [
  { from: '2024-07-01', until: '2026-06-30', amount: 2_340_000 },
  { from: '2026-07-01', amount: 2_530_000 },
];

/** Rural poverty line = voluntary income floor (NĐ 351/2025: old standard kept to 31/12/2026). */
export const RURAL_POVERTY_LINE: Dated[] = [{ from: '2022-01-01', until: '2026-12-31', amount: 1_500_000 }];

export const VOLUNTARY = {
  rate: 0.22, // Luật 41/2024 Đ.36 k.1
  ceilingMultiple: 20, // Đ.31 k.2
  support: { poor: 0.5, 'near-poor': 0.4, ethnic: 0.3, other: 0.2 } as Record<string, number>, // NĐ 159/2025
  supportMaxMonths: 120,
};

export const BHYT = { rate: 0.045, studentSupportMin: 0.5 }; // Luật BHYT 51/2024; NĐ 188/2025

export const COMPULSORY = {
  employee: { bhxh: 0.08, bhyt: 0.015, bhtn: 0.01 }, // Luật 41/2024 Đ.33; NĐ 188/2025; Luật Việc làm 74/2025
  employer: { bhxh: 0.17, bhyt: 0.03, bhtn: 0.01 }, // Đ.34 (3% ốm đau–thai sản + 14% hưu trí–tử tuất)
  /** Totals as the fact sheet states them; the employer's includes the work-accident fund (rate UNCONFIRMED). */
  employeeTotal: 0.105,
  employerTotal: 0.215,
};

export const PENSION = {
  step: 0.02,
  cap: 0.75,
  women: { years: 15, rate: 0.45 },
  men: { years: 20, rate: 0.45, shortFromYears: 15, shortRate: 0.4, shortStep: 0.01 },
  minYears: 15, // Luật 41/2024 Đ.64, Đ.98–99
};

/** Retirement age roadmap (BLLĐ Đ.169; NĐ 135/2020), in months. */
export const RETIREMENT = {
  men: { before2021: 720, start2021: 723, stepMonths: 3, final: 744 },
  women: { before2021: 660, start2021: 664, stepMonths: 4, final: 720 },
};

export function valueOn(schedule: readonly Dated[], isoDay: string): number | null {
  const hit = schedule.find((d) => d.from <= isoDay && (!d.until || isoDay <= d.until));
  return hit ? hit.amount : null;
}

/** "330.000 đ" — Vietnamese thousands separators. */
export function formatMoney(amount: number): string {
  return `${Math.round(amount).toLocaleString('de-DE')} đ`;
}

export function formatPercent(rate: number): string {
  const p = Math.round(rate * 1000) / 10;
  return `${String(p).replace('.', ',')}%`;
}
