import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/knowledge/content-error.js';
import { loadKnowledgeDir, parseKnowledgeFile } from '../../src/knowledge/loader.js';
import { ROOT, tempDir } from '../helpers/test-server.js';

const GOOD = `entries:
  - id: sample-entry
    topic: voluntary
    audiences: [all]
    questions: [Câu hỏi một?, Câu hỏi hai?]
    answer: Trả lời.
    legal_basis: Luật BHXH số 41/2024/QH15
    source_url: https://example.gov.vn/a
    reviewed: 2026-11-25
`;

function expectContentError(fn: () => unknown, file: string, field: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    const e = err as ContentError;
    expect(e.file).toBe(file);
    expect(e.field).toMatch(field);
    return;
  }
  throw new Error('expected a ContentError');
}

describe('knowledge loader', () => {
  it('loads every real knowledge file', () => {
    const entries = loadKnowledgeDir(join(ROOT, 'knowledge'));
    expect(entries.length).toBeGreaterThanOrEqual(20);
    for (const e of entries) {
      expect(e.questions.length).toBeGreaterThanOrEqual(2);
      expect(e.legal_basis.length).toBeGreaterThan(5);
      expect(e.source_url).toMatch(/^https?:\/\//);
      expect(e.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('accepts a good file', () => {
    expect(parseKnowledgeFile('good.yaml', GOOD)[0]!.id).toBe('sample-entry');
  });

  it('names the file and the field of a bad entry', () => {
    expectContentError(() => parseKnowledgeFile('bad.yaml', GOOD.replace('topic: voluntary', 'topic: lottery')), 'bad.yaml', /entries\[0\]\(sample-entry\)\.topic/);
    expectContentError(() => parseKnowledgeFile('bad.yaml', GOOD.replace('reviewed: 2026-11-25', 'reviewed: last week')), 'bad.yaml', /reviewed/);
    expectContentError(() => parseKnowledgeFile('bad.yaml', GOOD.replace('    legal_basis: Luật BHXH số 41/2024/QH15\n', '')), 'bad.yaml', /legal_basis/);
    expectContentError(() => parseKnowledgeFile('bad.yaml', GOOD.replace('https://example.gov.vn/a', 'not a url')), 'bad.yaml', /source_url/);
    expectContentError(() => parseKnowledgeFile('bad.yaml', GOOD.replace('questions: [Câu hỏi một?, Câu hỏi hai?]', 'questions: [Một?]')), 'bad.yaml', /questions/);
    expectContentError(() => parseKnowledgeFile('bad.yaml', `${GOOD}    surprise: 1\n`), 'bad.yaml', /entries\[0\]/);
  });

  it('reports broken YAML', () => {
    expectContentError(() => parseKnowledgeFile('broken.yaml', 'entries: [\n  - id: x'), 'broken.yaml', /yaml/);
  });

  it('rejects duplicate ids across files and unknown related ids', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), GOOD);
    expectContentError(() => loadKnowledgeDir(dir), 'b.yaml', /sample-entry/);
    const dir2 = tempDir();
    writeFileSync(join(dir2, 'a.yaml'), `${GOOD}    related: [missing-entry]\n`);
    expectContentError(() => loadKnowledgeDir(dir2), 'a.yaml', /related/);
  });

  it('refuses an empty folder', () => {
    const dir = join(tempDir(), 'empty');
    mkdirSync(dir);
    expect(() => loadKnowledgeDir(dir)).toThrow(ContentError);
  });
});
