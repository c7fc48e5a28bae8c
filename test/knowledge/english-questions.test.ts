/**
 * English questions are matched on the entries' English phrasings (the glossary reading into Vietnamese is the
 * second chance) and answered in English; Vietnamese, with or without diacritics or typed in Telex, is never taken
 * for English, and a short English follow-up is read with the answer before.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaqIndex } from '../../src/knowledge/faq-index.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { looksEnglish, readEnglish } from '../../src/text/english-glossary.js';
import { ROOT, startTestServer } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const faq = createFaqIndex(kb.entries, kb);

describe('English questions', () => {
  it('tells English from Vietnamese written without diacritics', () => {
    for (const en of ['how much is voluntary social insurance per month', 'pension', 'Do foreign workers pay BHXH?', 'sick leave']) expect(looksEnglish(en)).toBe(true);
    for (const vi of ['bhxh tu nguyen dong bao nhieu', 'em can hoi ve bhyt', 'rut bhxh 1 lan duoc khong', 'Đóng bao nhiêu', 'ok', 'me em om', 'bhxh bhyt', 'bhxh vn']) expect(looksEnglish(vi)).toBe(false);
    expect(looksEnglish('is vn soc ins mandatory for expats')).toBe(true);
    expect(readEnglish('How much is voluntary social insurance per month?')).toBe('bao nhieu bhxh tu nguyen moi thang ?');
    expect(readEnglish('bhxh tu nguyen dong bao nhieu')).toBe('bhxh tu nguyen dong bao nhieu');
  });

  // Answered, or clarified with the right entry first.
  it.each([
    ['what is voluntary social insurance', 'vol-what-is'],
    ['how much is voluntary social insurance per month', 'vol-rate'],
    ['do foreign workers have to pay social insurance in Vietnam', 'comp-foreign-workers'],
    ['How much do employees pay for social insurance', 'comp-employee-share'],
    ['what is the retirement age', 'pension-retirement-age'],
    ['where do I register for health insurance', 'reg-how-to-register'],
    ['what is the hotline', 'contact-hotline'],
    ['sick leave', 'sick-leave'],
  ])('"%s" finds %s', (text, id) => {
    const r = faq.classify(text);
    expect(r.kind === 'answer' ? r.match.id : r.kind === 'clarify' ? r.candidates[0]!.id : 'fallback').toBe(id);
  });

  it('reads a follow-up with the entry answered before', () => {
    const first = faq.classify('how much does the state support voluntary social insurance');
    expect(first.kind === 'answer' && first.match.id).toBe('vol-state-support');
    const then = faq.classify('and for near-poor households?', { previousEntryId: 'vol-state-support' });
    expect(then.kind === 'answer' && then.match.id).toBe('vol-state-support');
    expect(faq.classify('and for near-poor households?').kind).not.toBe('answer'); // alone, it says too little
  });

  it('takes English written without care for English, and Telex-typed Vietnamese for Vietnamese', () => {
    for (const en of ['and for near-poor households?', 'upper limit on monthly unemployment allowance?', 'conditions one time bhxh withdrawl?', 'joined cty 5 months before due date am i eligible maternity pay']) expect(looksEnglish(en), en).toBe(true);
    for (const vi of ['tooi muoonf hoir veef bhxh', 'nguowif lao ddoongj', 'cho hoi ve bhxh tu nguyen', 'nld nghi viec thi sao']) expect(looksEnglish(vi), vi).toBe(false);
  });

  it('answers an English question in English, for a person who never chose English', async () => {
    const s = await startTestServer();
    try {
      const r = await s.chat({ user: 'expat-1', text: 'what is voluntary social insurance' });
      expect(r.json.intent).toMatchObject({ kind: 'faq', id: 'vol-what-is' });
      const text = r.json.replies.map((x: { text: string }) => x.text).join('\n');
      expect(text).toContain('Voluntary BHXH');
      expect(r.json.replies[0].text).toContain('I am the BHXH Assistant'); // the privacy notice in English too
      expect(r.json.replies[0].text).not.toContain('Tôi là');
      expect(text).not.toContain('only available in Vietnamese');
      const vi = await s.chat({ user: 'expat-1', text: 'người nước ngoài có phải đóng bhxh không' });
      expect(vi.json.replies.map((x: { text: string }) => x.text).join('\n')).toContain('hợp đồng lao động xác định thời hạn');
      // Someone who chose English gets the English answer to a Vietnamese question too.
      await s.chat({ user: 'hr-1', payload: 'l:en' });
      const hr = await s.chat({ user: 'hr-1', text: 'người nước ngoài có phải đóng bhxh không' });
      expect(hr.json.intent).toMatchObject({ kind: 'faq', id: 'comp-foreign-workers' });
      expect(hr.json.replies.map((x: { text: string }) => x.text).join('\n')).toContain('fixed-term labour contract');
    } finally {
      await s.close();
    }
  });
});
