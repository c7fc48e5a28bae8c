/** `npm run kb:check`: validates the knowledge base and reports content problems; exits 1 if there are any. */
import { resolve } from 'node:path';
import { ContentError } from '../knowledge/content-error.js';
import { loadKnowledgeBase } from '../knowledge/loader.js';
import { checkKnowledge } from '../knowledge/quality/kb-check.js';
import { englishCoverage } from '../knowledge/quality/english-check.js';
import { derivedNotes, loadExcerpts, unsourcedFigures } from '../knowledge/quality/source-check.js';

const dir = resolve(process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? 'knowledge');
try {
  const { entries, outOfScope, anchors, anchorsEn } = loadKnowledgeBase(dir);
  const problems = checkKnowledge(entries, Date.now(), outOfScope, anchors, anchorsEn);
  const phrasings = entries.reduce((n, e) => n + e.questions.length, 0);
  console.log(`knowledge: ${entries.length} entries, ${phrasings} question phrasings, ${new Set(entries.map((e) => e.topic)).size} topics, ${outOfScope.length} out-of-scope topics`);
  for (const p of problems) console.log(`${p.kind.padEnd(10)} ${p.entryId}: ${p.detail}`);
  const coverage = englishCoverage(entries);
  const english = coverage.reduce((n, [, w]) => n + w, 0);
  console.log(`english answers: ${english} of ${entries.length} (${coverage.map(([t, w, all]) => `${t} ${w}/${all}`).join(', ')})`);
  const phrased = entries.filter((e) => (e.questions_en?.length ?? 0) > 0);
  const phrasingsEn = phrased.reduce((n, e) => n + e.questions_en!.length, 0);
  console.log(`english phrasings: ${phrasingsEn} for ${phrased.length} of ${entries.length} entries (English questions are matched on these)`);
  // Not a failure: figures a reviewer should find in the law (derived ones carry a "# derived:" note).
  const excerpts = loadExcerpts(dir);
  const unsourced = unsourcedFigures(entries, excerpts, derivedNotes(dir));
  console.log(`source excerpts: ${excerpts.length}; entries with figures not found in their cited excerpts (review): ${unsourced.length}`);
  for (const u of unsourced) console.log(`  review   ${u.entryId}: ${u.figures.join(', ')}`);
  console.log(problems.length === 0 ? 'kb:check clean' : `kb:check found ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
} catch (err) {
  if (err instanceof ContentError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
