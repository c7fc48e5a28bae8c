import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

afterEach(() => vi.restoreAllMocks());

describe('a corrupt row in the knowledge change log', () => {
  it('is named and left out at start-up; the rest of what staff taught still applies', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') });
    const first = createApp(config, testClock().now);
    const ok = first.knowledge.attach('vol-what-is', ['bảo hiểm tự đóng cho người làm rẫy là gì'], 'lan', first.clock());
    expect(ok.ok).toBe(true);
    const insert = first.db.prepare("INSERT INTO knowledge_changes (kind, entry_id, body, staff, created_at) VALUES (?, ?, ?, 'lan', 0)");
    const broken = [
      Number(insert.run('attach', 'vol-what-is', '{"questions": ["cắt ngang').lastInsertRowid),
      Number(insert.run('attach', 'vol-rate', '{"questions": 5}').lastInsertRowid),
      // A valid entry that names an entry nobody has: the knowledge would not hold together with it.
      Number(
        insert.run(
          'entry',
          'staff-bees',
          JSON.stringify({
            entry: { id: 'staff-bees', topic: 'voluntary', audiences: ['informal'], questions: ['nuôi ong có được đóng bảo hiểm không', 'bảo hiểm cho người nuôi ong'], answer: 'Được, theo BHXH tự nguyện.', legal_basis: 'Luật BHXH số 41/2024/QH15', source_url: 'https://baohiemxahoi.gov.vn', reviewed: '2026-11-25', related: ['no-such-entry'] },
          }),
        ).lastInsertRowid,
      ),
      Number(insert.run('entry', 'staff-x', JSON.stringify({ entry: { id: 'staff-x' } })).lastInsertRowid),
    ];
    first.close();

    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (said.push(String(chunk)), true));
    const again = createApp(config, testClock().now);
    vi.restoreAllMocks();
    for (const id of broken) expect(said.join('')).toContain(`knowledge change ${id} skipped`);
    expect(said.join('')).toContain('not valid JSON');
    expect(again.handle('web', 'u', { text: 'bao hiem tu dong cho nguoi lam ray la gi' }).outcome).toMatchObject({ kind: 'answer', entryId: 'vol-what-is' });
    again.close();
  });
});
