/**
 * The rates and rules the calculators use that the laws themselves fix, each from ../shared/reference/bhxh-facts.md
 * or the law text with its article. Amounts that change with a decree (mức tham chiếu, the poverty line, minimum
 * wages) are not here: they are data, in flows/data/figures.yaml (see figures-data.ts).
 */

export const VOLUNTARY = {
  rate: 0.22, // Luật 41/2024 Đ.36 k.1
  ceilingMultiple: 20, // Đ.31 k.2
  support: { poor: 0.5, 'near-poor': 0.4, ethnic: 0.3, other: 0.2 } as Record<string, number>, // NĐ 159/2025
  supportMaxMonths: 120,
};

export const BHYT = { rate: 0.045, studentSupportMin: 0.5 }; // Luật BHYT 51/2024; NĐ 188/2025

export const COMPULSORY = {
  employee: { bhxh: 0.08, bhyt: 0.015, bhtn: 0.01 }, // Luật 41/2024 Đ.33; NĐ 188/2025; Luật Việc làm 74/2025 Đ.33 (tối đa 1%)
  employer: { bhxh: 0.17, bhyt: 0.03, bhtn: 0.01 }, // Đ.34 (3% ốm đau–thai sản + 14% hưu trí–tử tuất); NĐ 188/2025; LVL Đ.33
  employeeTotal: 0.105,
  /** Without the work-accident fund: its rate (at most 1%, Luật ATVSLĐ Đ.44 k.1) is UNCONFIRMED, so it is named, not added. */
  employerTotal: 0.21,
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

/** "330.000 đ" — Vietnamese thousands separators. */
export function formatMoney(amount: number): string {
  return `${Math.round(amount).toLocaleString('de-DE')} đ`;
}

export function formatPercent(rate: number): string {
  const p = Math.round(rate * 1000) / 10;
  return `${String(p).replace('.', ',')}%`;
}
