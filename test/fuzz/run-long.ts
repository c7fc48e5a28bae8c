/**
 * `npm run fuzz`: every fuzz property at length (100,000 cases each by default), from a fixed seed that is
 * printed first. Options: --runs N, --seed N. A failure prints the counterexample and fast-check's replay path.
 */
import { performance } from 'node:perf_hooks';
import { normalizeText } from '../../src/text/normalize.js';
import { redact } from '../../src/privacy/redact.js';
import { DEFAULT_SEED, properties } from './properties.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('--runs', 100_000);
const seed = option('--seed', Number(process.env.FUZZ_SEED ?? DEFAULT_SEED));
console.log(`fuzz: seed ${seed}, ${runs.toLocaleString('en')} cases per property`);

let failed = 0;
for (const p of properties()) {
  const t0 = performance.now();
  try {
    p.run(runs, seed);
    console.log(`  ok    ${p.name}: ${runs.toLocaleString('en')} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    failed++;
    console.log(`  FAIL  ${p.name}\n${String((err as Error).message).split('\n').slice(0, 12).join('\n')}`);
  } finally {
    p.close?.();
  }
}

// 100 kB of typing, the largest a client could ever send after the API's own limits: how long does it take?
const chunk = 'Cho em hỏi đóng bhxh tn bn 1 thang vay ạ, sdt 0912345678 ddongs baor hieemr? ';
const big = chunk.repeat(Math.ceil(100_000 / chunk.length));
for (const [what, fn] of [['normaliser', () => normalizeText(big)], ['redactor', () => redact(big)]] as const) {
  fn();
  const t0 = performance.now();
  fn();
  console.log(`  100 kB through the ${what}: ${(performance.now() - t0).toFixed(1)} ms`);
}
console.log(failed ? `fuzz: ${failed} propert${failed === 1 ? 'y' : 'ies'} FAILED (seed ${seed})` : `fuzz: all properties held (seed ${seed})`);
process.exit(failed ? 1 : 0);
