/**
 * The fast typo repair must pick exactly the syllable a fuzzy search over the whole vocabulary picks: a
 * citizen's "bao hiêm" or "thât nghiêp" repaired differently would change answers. Checked on typos of real
 * syllables (a letter changed, added or dropped) and on random letters, which mostly have no repair.
 */
import Fuse from 'fuse.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { prng } from '../../src/knowledge/quality/noisy-forms.js';
import { createQueryBuilder, MAX_REPAIR_LENGTH } from '../../src/knowledge/query-terms.js';
import { normalizeText } from '../../src/text/normalize.js';
import { createEditRepairer, createSyllableRepairer, REPAIR_THRESHOLD } from '../../src/knowledge/syllable-repair.js';
import { createFaqIndex } from '../../src/knowledge/faq-index.js';
import { isFoldedSyllable } from '../../src/text/syllable.js';
import { ENGLISH_READING } from '../../src/knowledge/reading.js';
import { buildTermIndex } from '../../src/knowledge/term-index.js';
import { ROOT } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const vocabulary = buildTermIndex([...kb.entries, ...kb.outOfScope]).vocabulary;
const whole = new Fuse(vocabulary, { includeScore: true, threshold: REPAIR_THRESHOLD, ignoreLocation: true, minMatchCharLength: 2 });
const searchWhole = (token: string) => {
  const best = whole.search(token, { limit: 1 })[0];
  return best && (best.score ?? 1) <= REPAIR_THRESHOLD ? best.item : null;
};
const random = prng(11);
const pick = (n: number) => Math.floor(random() * n);
const LETTERS = 'abcdeghiklmnopqrstuvxy';

function typo(word: string): string {
  const t = word.split('');
  const at = pick(t.length);
  const op = pick(3);
  if (op === 0) t[at] = LETTERS[pick(LETTERS.length)]!;
  else if (op === 1) t.splice(at, 0, LETTERS[pick(LETTERS.length)]!);
  else t.splice(at, 1);
  return t.join('');
}

describe('syllable repair', () => {
  it('repairs typos of known syllables exactly as a search of the whole vocabulary does', () => {
    const sample = [...vocabulary.map(typo), ...vocabulary.map(typo)];
    sample.push(...Array.from({ length: 400 }, () => Array.from({ length: 4 + pick(MAX_REPAIR_LENGTH - 3) }, () => LETTERS[pick(LETTERS.length)]).join('')));
    const tokens = sample.filter((t) => t.length >= 4 && t.length <= MAX_REPAIR_LENGTH);
    expect(tokens.length).toBeGreaterThan(800);
    const fast = createSyllableRepairer(vocabulary);
    const differ = tokens.filter((t) => fast.repair(t) !== searchWhole(t));
    expect(differ).toEqual([]);
    // and it does repair: most typos of real syllables find one
    expect(tokens.filter((t) => fast.repair(t) !== null).length).toBeGreaterThan(tokens.length / 3);
  });

  it('repairs English words (longer, a bigger vocabulary) exactly as a search of the whole vocabulary does', () => {
    const docs = kb.entries.map((e) => ({ id: e.id, questions: e.questions_en ?? [] }));
    const words = buildTermIndex(docs, ENGLISH_READING).vocabulary;
    const all = new Fuse(words, { includeScore: true, threshold: REPAIR_THRESHOLD, ignoreLocation: true, minMatchCharLength: 2 });
    const slow = (token: string) => {
      const best = all.search(token, { limit: 1 })[0];
      return best && (best.score ?? 1) <= REPAIR_THRESHOLD ? best.item : null;
    };
    const { min, max } = ENGLISH_READING.repair;
    const tokens = [...words.map(typo), ...words.map(typo)].filter((t) => t.length >= min && t.length <= max).slice(0, 1500);
    expect(tokens.length).toBeGreaterThan(500);
    const fast = createSyllableRepairer(words);
    expect(tokens.filter((t) => fast.repair(t) !== slow(t))).toEqual([]);
    expect(fast.repair('contibution')).toBe('contribution');
  });

  it('repairs a common typo to the intended syllable', () => {
    const fast = createSyllableRepairer(vocabulary);
    expect(fast.repair('nghiep')).toBe('nghiep');
    expect(fast.repair('nghiepp')).toBe('nghiep');
    expect(fast.repair('xxxxqqq')).toBeNull();
  });
});

describe('one-slip repair of words typed fast', () => {
  const kbIndex = buildTermIndex(kb.entries);
  const frequency = new Map(kbIndex.vocabulary.map((w) => [w, kbIndex.postings[kbIndex.termIds.get(w)!]!.length]));
  const slips = createEditRepairer(frequency);
  const likeliest = (token: string) => slips.candidates(token).sort((a, b) => b.prior - a.prior)[0]?.word ?? null;

  it('finds the word behind a swapped, doubled, dropped or extra letter, the commoner word first', () => {
    expect(likeliest('dnog')).toBe('dong');
    expect(likeliest('donng')).toBe('dong');
    expect(likeliest('thng')).toBe('thang');
    expect(likeliest('hiiem')).toBe('hiem');
    expect(likeliest('nhgi')).toBe('nghi');
    expect(likeliest('umon')).toBe('muon');
    expect(slips.candidates('qqqq')).toEqual([]);
  });

  it('tells what no Vietnamese syllable is spelt as from what may be a word the knowledge does not use', () => {
    for (const w of ['dong', 'nghieng', 'quyen', 'nhieu', 'rat', 'gi']) expect(isFoldedSyllable(w)).toBe(true);
    for (const w of ['dng', 'cog', 'thnag', 'hiiem', 'tih']) expect(isFoldedSyllable(w)).toBe(false);
  });

  const faq = createFaqIndex(kb.entries, { outOfScope: kb.outOfScope, anchors: kb.anchors, anchorsEn: kb.anchorsEn });
  const id = (text: string) => {
    const r = faq.classify(text);
    return r.kind === 'answer' ? r.match.id : r.kind;
  };

  const builder = createQueryBuilder(kbIndex, []);
  const termsOf = (text: string) => {
    const n = normalizeText(text);
    return [...builder.build([{ tokens: n.tokens, folded: n.folded, weight: 1 }], false).ids];
  };

  it('reads a question typed with slips, short words included, with the words of the clean one', () => {
    const pairs = [
      ['toi dng bhxh tu nguyen dc 10 nam', 'toi dong bhxh tu nguyen dc 10 nam'],
      ['nghi viec bao lau thi dc nhn tro cap that nghiep', 'nghi viec bao lau thi dc nhan tro cap that nghiep'],
      ['the bhyt ho gia dnih het han', 'the bhyt ho gia dinh het han'],
      ['cog ty ko dong bao hieem cho toi', 'cong ty ko dong bao hiem cho toi'],
      ['e muon nhgi viec tu thng sau', 'e muon nghi viec tu thang sau'],
    ];
    for (const [slipped, clean] of pairs) expect(termsOf(slipped!), slipped).toEqual(termsOf(clean!));
  });

  it('leaves alone a word that is a synonym the knowledge writes another way ("nộp" is "đóng")', () => {
    expect(id('nop bhxh tu nguyen o dau')).toBe(id('dong bhxh tu nguyen o dau'));
  });
});
