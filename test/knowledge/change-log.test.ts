/**
 * Staff changes applied over the knowledge files: phrasings attached from the review queue join the list of
 * their language (an English question joins the English phrasings the English index is read on).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChanges, type StoredChange } from '../../src/knowledge/change-log.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { ROOT } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const change = (questions: string[]): StoredChange => ({ kind: 'attach', entryId: 'vol-rate', questions, id: 1, staff: 'lan', createdAt: 0 });

describe('attached phrasings', () => {
  it('go to the list of their language, once', () => {
    const before = kb.entries.find((e) => e.id === 'vol-rate')!;
    const { entries, skipped } = applyChanges(kb.entries, [change(['how much do gig drivers pay for voluntary bhxh each month', 'tài xế công nghệ đóng bhxh tự nguyện bao nhiêu', before.questions[0]!])]);
    const after = entries.find((e) => e.id === 'vol-rate')!;
    expect(skipped).toEqual([]);
    expect(after.questions_en).toContain('how much do gig drivers pay for voluntary bhxh each month');
    expect(after.questions).not.toContain('how much do gig drivers pay for voluntary bhxh each month');
    expect(after.questions).toContain('tài xế công nghệ đóng bhxh tự nguyện bao nhiêu');
    expect(after.questions.length).toBe(before.questions.length + 1);
    expect(after.questions_en!.length).toBe(before.questions_en!.length + 1);
    // the files' entries are left as they were
    expect(before.questions_en).not.toContain('how much do gig drivers pay for voluntary bhxh each month');
  });
});
