import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaqIndex } from '../../src/knowledge/faq-index.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { evaluate, loadQuestionSet, rate } from '../../src/knowledge/quality/evaluation.js';
import { evaluateLetters, loadLetterSets } from '../../src/knowledge/quality/letters.js';
import { checkKnowledge } from '../../src/knowledge/quality/kb-check.js';
import { toTelex, toVni, unaccented, withTypo, prng } from '../../src/knowledge/quality/noisy-forms.js';
import { canonicalText } from '../../src/text/normalize.js';
import { ROOT } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const faq = createFaqIndex(kb.entries, kb);

/**
 * Floors set a little under what `npm run eval` measured when they were last raised (see the README's
 * "Knowledge quality" section); a change that makes the bot find answers worse fails here.
 */
const FLOORS = { accented: 0.82, unaccented: 0.82, noisy: 0.8, outOfScopeFallback: 0.95, fallbackPrecision: 0.93, wrongAnswerCeiling: 0.035, rightOrClarified: 0.93 };

describe('retrieval quality on the development question set', () => {
  const cases = loadQuestionSet(join(ROOT, 'test/eval/dev-questions.yaml'));
  const report = evaluate(faq, cases);

  it('has at least 500 phrasings and 80 out-of-scope questions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(cases.filter((c) => c.expect === null).length / 2).toBeGreaterThanOrEqual(80);
  });

  it.each(['accented', 'unaccented', 'noisy'] as const)('answers right (%s) above its floor, rarely wrong, and clarifies the rest with the right entry', (form) => {
    const f = report.forms[form];
    expect(rate(f.correct, f.total)).toBeGreaterThanOrEqual(FLOORS[form]);
    expect(rate(f.wrong, f.total)).toBeLessThanOrEqual(FLOORS.wrongAnswerCeiling);
    expect(rate(f.correct + f.clarifiedRight, f.total)).toBeGreaterThanOrEqual(FLOORS.rightOrClarified);
  });

  it('out-of-scope questions fall back, and fallbacks are mostly out of scope', () => {
    expect(report.fallbackRecall).toBeGreaterThanOrEqual(FLOORS.outOfScopeFallback);
    expect(report.fallbackPrecision).toBeGreaterThanOrEqual(FLOORS.fallbackPrecision);
  });
});

/**
 * English questions (test/eval/english-questions.yaml) are read through a small glossary only, so most still fall
 * back: these floors keep what there is (few wrong answers, out-of-scope questions falling back) from sliding.
 */
const ENGLISH_FLOORS = { right: 0.65, rightOrClarified: 0.83, wrongCeiling: 0.04, outOfScopeFallback: 0.87 };

describe('retrieval quality on English questions', () => {
  const cases = loadQuestionSet(join(ROOT, 'test/eval/english-questions.yaml')).filter((c) => c.form !== 'unaccented' && !c.variant.endsWith('folded'));
  const report = evaluate(faq, cases);
  it('has at least 150 questions and 40 out of scope', () => {
    expect(report.forms.accented.total).toBeGreaterThanOrEqual(150);
    expect(report.forms['out-of-scope'].total).toBeGreaterThanOrEqual(40);
  });
  it('answers or clarifies with the right entry above its floor, rarely wrong, and falls back out of scope', () => {
    for (const f of [report.forms.accented, report.forms.noisy]) {
      expect(rate(f.correct, f.total)).toBeGreaterThanOrEqual(ENGLISH_FLOORS.right);
      expect(rate(f.correct + f.clarifiedRight, f.total)).toBeGreaterThanOrEqual(ENGLISH_FLOORS.rightOrClarified);
      expect(rate(f.wrong, f.total)).toBeLessThanOrEqual(ENGLISH_FLOORS.wrongCeiling);
    }
    expect(report.fallbackRecall).toBeGreaterThanOrEqual(ENGLISH_FLOORS.outOfScopeFallback);
  });
});

describe('knowledge content checks', () => {
  it('kb:check finds no problems', () => {
    expect(checkKnowledge(kb.entries, Date.parse('2026-11-25T03:00:00Z'), kb.outOfScope, kb.anchors, kb.anchorsEn)).toEqual([]);
  }, 120_000); // every phrasing against every other: about 20 s on a quiet machine, more on a busy CI one
  it('has at least 280 entries with 4+ phrasings, every topic covered, answers fit a phone screen', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(280);
    for (const e of kb.entries) {
      expect(e.questions.length, e.id).toBeGreaterThanOrEqual(4);
      expect(e.answer.length, e.id).toBeLessThanOrEqual(700);
    }
    expect(new Set(kb.entries.map((e) => e.topic)).size).toBe(15);
  });
  it('near misses fall back through their out-of-scope topic', () => {
    for (const q of ['bảo hiểm xe máy mua ở đâu', 'làm sổ đỏ mất bao lâu', 'thuế thu nhập cá nhân']) {
      const r = faq.classify(q);
      expect(r.kind, q).toBe('none');
    }
    expect(faq.classify('BHXH khác gì bảo hiểm nhân thọ?')).toMatchObject({ kind: 'answer', match: { id: 'basics-bhxh-vs-commercial' } });
  });
});

describe('noisy forms used by the evaluation', () => {
  it('retype text the way the input method would, and decode back', () => {
    expect(toTelex('Đóng bảo hiểm vậy?')).toBe('ddongs baor hieemr vaayj?');
    expect(toVni('người')).toBe('ngu7o7i2');
    expect(canonicalText(toTelex('Đóng bảo hiểm xã hội tự nguyện'))).toBe('đóng bảo hiểm xã hội tự nguyện');
    expect(canonicalText(toVni('Đóng bảo hiểm xã hội tự nguyện'))).toBe('đóng bảo hiểm xã hội tự nguyện');
    expect(unaccented('Đóng BHXH')).toBe('dong bhxh');
    expect(withTypo('đóng bảo hiểm xã hội', prng(1))).not.toBe('dong bao hiem xa hoi');
  });
});

/**
 * Letters (greeting, story, one to three questions, thanks) and two-turn follow-ups: test/eval/letters-*.yaml.
 * letters-1 was used for tuning, letters-2 was held out; the floors hold for both together, a little under what
 * `npm run eval` measured when they were set.
 */
const LETTER_FLOORS = { 'as written': 0.6, 'no diacritics': 0.6, 'phone typing': 0.55, wrongCeiling: 0.07, followUpRight: 0.53, followUpWrong: 0.15, rightOrClarifiedFirst: 0.68 };

describe('retrieval quality on letters and follow-ups', () => {
  const set = loadLetterSets(['letters-1.yaml', 'letters-2.yaml'].map((f) => join(ROOT, 'test/eval', f)));
  const report = evaluateLetters(faq, set);

  it('has at least 300 letters of 40–150 words and 60 follow-ups', () => {
    expect(set.letters.length / 3).toBeGreaterThanOrEqual(300);
    expect(set.followUps.length).toBeGreaterThanOrEqual(60);
    expect(set.letters.every((c) => c.words >= 35 && c.words <= 160)).toBe(true);
  });

  it.each(['as written', 'no diacritics', 'phone typing'] as const)('letters %s: answered right above the floor, rarely wrong', (form) => {
    const t = report.forms[form];
    expect(t.right / t.total).toBeGreaterThanOrEqual(LETTER_FLOORS[form]);
    expect(t.wrong / t.total).toBeLessThanOrEqual(LETTER_FLOORS.wrongCeiling);
    expect((t.right + t.clarifiedFirst) / t.total).toBeGreaterThanOrEqual(form === 'phone typing' ? LETTER_FLOORS.rightOrClarifiedFirst - 0.08 : LETTER_FLOORS.rightOrClarifiedFirst);
  });

  it('follow-ups are read with the answer before them', () => {
    const t = report.followUps;
    expect(t.right / t.total).toBeGreaterThanOrEqual(LETTER_FLOORS.followUpRight);
    expect(t.wrong / t.total).toBeLessThanOrEqual(LETTER_FLOORS.followUpWrong);
  });
});
