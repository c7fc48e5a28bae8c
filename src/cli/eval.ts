/** `npm run eval`: retrieval quality on the development question set (test/eval/dev-questions.yaml). */
import { resolve } from 'node:path';
import { createFaqIndex } from '../knowledge/faq-index.js';
import { loadKnowledgeBase } from '../knowledge/loader.js';
import { evaluate, loadQuestionSet, rate } from '../knowledge/quality/evaluation.js';

const pct = (n: number) => `${(100 * n).toFixed(1)}%`.padStart(7);
const kb = loadKnowledgeBase(resolve('knowledge'));
const faq = createFaqIndex(kb.entries, kb.outOfScope, kb.anchors);
const cases = loadQuestionSet(resolve(process.argv[2] ?? 'test/eval/dev-questions.yaml'));
const report = evaluate(faq, cases);

console.log(`question set: ${cases.length} phrasings\n`);
console.log('form                    total  top-1 right  clarify (right inside)  fallback  wrong answer');
for (const [name, f] of [...Object.entries(report.forms), ...Object.entries(report.variants).filter(([k]) => k.startsWith('noisy/') || k.startsWith('out-of-scope/'))]) {
  console.log(
    `${name.padEnd(22)} ${String(f.total).padStart(6)}  ${pct(rate(f.correct, f.total))}      ${pct(rate(f.clarified, f.total))} (${pct(rate(f.clarifiedRight, f.total))})   ${pct(rate(f.fellBack, f.total))}  ${pct(rate(f.wrong, f.total))}`,
  );
}
console.log(`\nfallback precision ${pct(report.fallbackPrecision)}   fallback recall (out-of-scope that fell back) ${pct(report.fallbackRecall)}`);
console.log('\nmost confused (expected → answered):');
for (const c of report.confused.slice(0, 10)) console.log(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.got}`);
if (process.argv.includes('--failures')) {
  console.log('\nfailures:');
  for (const { c, got } of report.failures) console.log(`  [${c.form}/${c.variant}] ${c.text}  expected ${c.expect ?? 'fallback'}, got ${got}`);
}
