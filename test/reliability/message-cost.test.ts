/**
 * Hardening: no message, whatever its length or alphabet, may make the retriever do unbounded work. The review
 * found a message of 50 random 39-letter words costing ~0.84 s of the event loop (a fuzzy search per unknown
 * word). Time is measured by `npm run bench`; here the work itself is counted: fuzzy repairs per message (one-slip
 * lookups, much cheaper, have their own budget).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRetriever } from '../../src/knowledge/retriever.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { MAX_REPAIRS_PER_MESSAGE, MAX_SLIP_LOOKUPS_PER_MESSAGE, repairBudget } from '../../src/knowledge/query-terms.js';
import { prng } from '../../src/knowledge/quality/noisy-forms.js';
import { ROOT } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const retriever = createRetriever(kb.entries, { outOfScope: kb.outOfScope, anchors: kb.anchors, decisionCache: 0 });
const random = prng(7);
const word = (length: number, letters = 'abcdeghiklmnopqrstuvxy') => Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');

describe('the cost of one message is bounded', () => {
  it.each([
    ['50 random 39-letter words', () => Array.from({ length: 50 }, () => word(39)).join(' ')],
    ['200 random syllable-like words', () => Array.from({ length: 200 }, () => word(5)).join(' ')],
    ['a letter of misspelt words with three questions', () => Array.from({ length: 60 }, () => word(6)).join(' ') + '? ' + word(6) + ' bao nhieu? ' + word(7) + ' o dau?'],
  ])('%s: at most the per-message budget of fuzzy repairs, and no answer', (_name, make) => {
    const budget = repairBudget();
    const r = retriever.classify(make(), undefined, budget);
    expect(budget.tried).toBeLessThanOrEqual(MAX_REPAIRS_PER_MESSAGE);
    expect(r.kind).not.toBe('answer');
  });

  it('still repairs a real typo in an ordinary question', () => {
    const budget = repairBudget();
    const r = retriever.classify('bhxh tu nguyn la gi', undefined, budget);
    // Repaired by a one-slip lookup (the cheap kind), not a fuzzy search.
    expect(MAX_SLIP_LOOKUPS_PER_MESSAGE - budget.slips).toBeGreaterThan(0);
    expect(r.kind === 'answer' ? r.match.id : r.kind === 'clarify' ? r.candidates[0]!.id : 'none').toBe('vol-what-is');
  });
});
