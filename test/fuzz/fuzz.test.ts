/** The fuzz properties, briefly (npm run fuzz runs them at length). The seed is fixed and printed. */
import { afterAll, describe, it } from 'vitest';
import { DEFAULT_SEED, properties } from './properties.js';

const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const list = properties();
afterAll(() => list.forEach((p) => p.close?.()));

describe(`fuzz (short run, seed ${seed})`, () => {
  for (const p of list) {
    it(p.name, () => p.run(p.name.startsWith('flow engine') ? 150 : 2_000, seed), 60_000);
  }
});
