import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/core/payload-codec.js';
import { CALCULATORS } from '../../src/flows/calculators/index.js';
import { loadFlowDir, type FlowReferences } from '../../src/flows/loader.js';
import { createI18n } from '../../src/i18n/translator.js';
import { createFaqIndex } from '../../src/knowledge/faq-index.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { ContentError } from '../../src/knowledge/content-error.js';
import { ROOT, tempDir } from '../helpers/test-server.js';

const i18n = createI18n();
const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const faq = createFaqIndex(kb.entries, kb);
const refs: FlowReferences = {
  hasKey: (k) => i18n.has('vi', k) && i18n.has('en', k),
  hasEntry: (id) => faq.entry(id) !== undefined,
  hasTopic: (id) => faq.topics().includes(id),
  hasCalculator: (n) => n in CALCULATORS,
  commands: COMMANDS,
};

const GOOD = `id: sample
version: 1
title: flows.titles.welcome
start: ask
steps:
  ask:
    kind: choice
    text: flows.common.askSchedule
    store: x
    choices:
      - { value: a, label: flows.common.yes, next: done }
      - { value: b, label: flows.common.no, next: done }
  done: { kind: end, text: flows.voluntary.done }
`;

function dirWith(yaml: string): string {
  const dir = join(tempDir(), 'flows');
  mkdirSync(dir);
  writeFileSync(join(dir, 'sample.yaml'), yaml);
  return dir;
}

function expectError(yaml: string, field: RegExp) {
  try {
    loadFlowDir(dirWith(yaml), refs);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).file).toBe('sample.yaml');
    expect((err as ContentError).message).toMatch(field);
    return;
  }
  throw new Error('expected a ContentError');
}

describe('flow files', () => {
  it('every real flow loads and passes the cross-checks', () => {
    const flows = loadFlowDir(join(ROOT, 'flows'), refs);
    expect(flows.map((f) => f.id).sort()).toEqual(
      ['contribution-calculator', 'employer-guide', 'maternity-estimate', 'onetime-estimate', 'pension-estimate', 'student-bhyt', 'talk-to-staff', 'unemployment-estimate', 'voluntary-enrollment', 'welcome', 'where-to-go', 'withdrawal-counselling'].sort(),
    );
  });
  it('accepts a good file', () => {
    expect(loadFlowDir(dirWith(GOOD), refs)[0]!.id).toBe('sample');
  });
  it('names the file and the field of each mistake', () => {
    expectError(GOOD.replace('next: done }\n  done', 'next: nowhere }\n  done'), /steps\.ask.*nowhere/);
    expectError(GOOD.replace('flows.voluntary.done', 'flows.no.such.key'), /unknown i18n key "flows\.no\.such\.key"/);
    expectError(GOOD.replace('start: ask', 'start: missing'), /start.*missing/);
    expectError(`${GOOD}  orphan: { kind: end }\n`, /steps\.orphan.*not reachable/);
    expectError(GOOD.replace('kind: choice', 'kind: dance'), /steps/);
    expectError(`${GOOD}  calc: { kind: compute, calculator: astrology, next: done }\n`.replace('{ value: b, label: flows.common.no, next: done }', '{ value: b, label: flows.common.no, next: calc }'), /unknown calculator "astrology"/);
    expectError(`${GOOD}  show: { kind: entry, entry: no-such-entry, next: done }\n`.replace('{ value: b, label: flows.common.no, next: done }', '{ value: b, label: flows.common.no, next: show }'), /unknown knowledge entry "no-such-entry"/);
    expectError(GOOD.replace('done: { kind: end, text: flows.voluntary.done }', "done: { kind: end, buttons: [{ label: buttons.menu, action: 'flow:nope' }] }"), /unknown flow "nope"/);
  });
});
