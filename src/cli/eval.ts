/**
 * `npm run eval`: retrieval quality on the development sets: short questions (test/eval/dev-questions.yaml) and
 * letters with follow-ups (test/eval/letters-*.yaml). `--failures` lists every miss.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFaqIndex } from '../knowledge/faq-index.js';
import { loadKnowledgeBase } from '../knowledge/loader.js';
import { evaluate, loadQuestionSet, rate } from '../knowledge/quality/evaluation.js';
import { evaluateLetters, loadLetterSets, type Tally } from '../knowledge/quality/letters.js';

const pct = (n: number) => `${(100 * n).toFixed(1)}%`.padStart(7);
const args = process.argv.slice(2);
const failures = args.includes('--failures');
const kb = loadKnowledgeBase(resolve('knowledge'));
const faq = createFaqIndex(kb.entries, kb);

const shortFile = resolve(args.find((a) => a.endsWith('dev-questions.yaml')) ?? 'test/eval/dev-questions.yaml');
const cases = loadQuestionSet(shortFile);
const report = evaluate(faq, cases);
console.log(`short questions: ${cases.length} phrasings (${shortFile.split('/').pop()})\n`);
console.log('form                    total  top-1 right  clarify (right inside)  fallback  wrong answer');
for (const [name, f] of [...Object.entries(report.forms), ...Object.entries(report.variants).filter(([k]) => k.startsWith('noisy/') || k.startsWith('out-of-scope/'))]) {
  console.log(
    `${name.padEnd(22)} ${String(f.total).padStart(6)}  ${pct(rate(f.correct, f.total))}      ${pct(rate(f.clarified, f.total))} (${pct(rate(f.clarifiedRight, f.total))})   ${pct(rate(f.fellBack, f.total))}  ${pct(rate(f.wrong, f.total))}`,
  );
}
console.log(`\nfallback precision ${pct(report.fallbackPrecision)}   fallback recall (out-of-scope that fell back) ${pct(report.fallbackRecall)}`);
console.log('\nmost confused (expected → answered):');
for (const c of report.confused.slice(0, 10)) console.log(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.got}`);
if (failures) {
  console.log('\nfailures:');
  for (const { c, got } of report.failures) console.log(`  [${c.form}/${c.variant}] ${c.text}  expected ${c.expect ?? 'fallback'}, got ${got}`);
}

// English questions (foreign workers, HR staff): as written and typed fast; out-of-scope ones must fall back.
const englishFile = resolve('test/eval/english-questions.yaml');
if (existsSync(englishFile)) {
  const english = loadQuestionSet(englishFile).filter((c) => c.form !== 'unaccented' && !c.variant.endsWith('folded'));
  const er = evaluate(faq, english);
  console.log(`\nenglish questions: ${english.length} phrasings (english-questions.yaml)\n`);
  console.log('form                    total  top-1 right  clarify (right inside)  fallback  wrong answer');
  for (const [name, f] of [['as written', er.forms.accented], ['typed fast', er.forms.noisy], ['out-of-scope', er.forms['out-of-scope']]] as const) {
    console.log(`${name.padEnd(22)} ${String(f.total).padStart(6)}  ${pct(rate(f.correct, f.total))}      ${pct(rate(f.clarified, f.total))} (${pct(rate(f.clarifiedRight, f.total))})   ${pct(rate(f.fellBack, f.total))}  ${pct(rate(f.wrong, f.total))}`);
  }
  if (failures) for (const { c, got } of er.failures) console.log(`  [english/${c.form}] ${c.text}  expected ${c.expect ?? 'fallback'}, got ${got}`);
}

const evalDir = resolve('test/eval');
const letterFiles = readdirSync(evalDir).filter((f) => /^letters-.*\.yaml$/.test(f)).sort().map((f) => join(evalDir, f));
if (letterFiles.length > 0) {
  const set = loadLetterSets(letterFiles);
  const lr = evaluateLetters(faq, set);
  const row = (name: string, t: Tally) =>
    console.log(
      `${name.padEnd(22)} ${String(t.total).padStart(6)}  ${pct(rate(t.right, t.total))}   ${pct(rate(t.clarified, t.total))} (${pct(rate(t.clarifiedFirst, t.total))})   ${pct(rate(t.fellBack, t.total))}  ${pct(rate(t.wrong, t.total))}`,
    );
  console.log(`\nletters: ${set.letters.length / 3} letters × 3 forms, ${set.followUps.length} follow-ups (${letterFiles.map((f) => f.split('/').pop()).join(', ')})\n`);
  console.log('form                    total    right   clarify (right first)  fallback  confidently wrong');
  for (const [name, t] of Object.entries(lr.forms)) row(name, t);
  for (const [name, t] of Object.entries(lr.lengths)) row(name, t);
  row('follow-ups', lr.followUps);
  console.log(`\nother questions offered as buttons: ${lr.alsoOffered.offered} of ${lr.alsoOffered.total} answered letters that asked more than one thing`);
  if (failures) {
    console.log('\nletter failures:');
    for (const f of lr.failures) console.log(`  [${f.form}] expected ${f.expect ?? 'fallback'}, got ${f.got}: ${f.text.replace(/\s+/g, ' ').slice(0, 220)}`);
  }
}
