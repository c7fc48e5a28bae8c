/** The fuzz properties, briefly (npm run fuzz runs them at length). The seed is fixed and printed. */
import { afterAll, describe, expect, it } from 'vitest';
import { redact } from '../../src/privacy/redact.js';
import { normalizeText } from '../../src/text/normalize.js';
import { parseAge, parseBirthYear, parseMoney, parseYears, parseYesNo } from '../../src/text/parse-input.js';
import { DEFAULT_SEED, properties } from './properties.js';

const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const list = properties();
afterAll(() => list.forEach((p) => p.close?.()));

describe(`fuzz (short run, seed ${seed})`, () => {
  for (const p of list) {
    it(p.name, () => p.run(p.name.startsWith('flow engine') ? 150 : 2_000, seed), 60_000);
  }
});

describe('the reliability guide\'s long inputs against every text function (no catastrophic backtracking)', () => {
  const inputs = ['0'.repeat(50_000), '1.'.repeat(10_000), '0 '.repeat(25_000), `${'a@'.repeat(10_000)}b`, `${'+84 '.repeat(5_000)}`, `stk ${'1 '.repeat(10_000)}`];
  it.each(inputs.map((x) => [`${JSON.stringify(x.slice(0, 6))}… (${x.length} chars)`, x]))('%s', (_name, input) => {
    expect(() => {
      normalizeText(input);
      redact(input);
      parseMoney(input);
      parseAge(input, 2026);
      parseBirthYear(input, 2026);
      parseYears(input);
      parseYesNo(input);
    }).not.toThrow();
    expect(redact(input).text.replace(/[ .\-/]/g, '')).not.toMatch(/\d{9,}/); // the separators a number is written with
  });
});
