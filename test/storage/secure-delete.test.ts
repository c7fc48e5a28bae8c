import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, DATABASE_FILE } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

describe('erased data leaves the file', () => {
  it('"xóa dữ liệu" and retention overwrite what they delete (secure_delete), not only unlink it', () => {
    const dataDir = tempDir();
    const app = createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge') }), testClock().now);
    expect(app.db.pragma('secure_delete', { simple: true })).toBe(1);
    const secret = 'đàn dê giống Bách Thảo xyzzy';
    app.handle('web', 'person', { text: 'bhxh tu nguyen la gi' });
    app.handle('web', 'person', { text: `bảo hiểm cho ${secret}` });
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = () => readFileSync(join(dataDir, DATABASE_FILE)).toString('utf8');
    expect(bytes()).toContain('Bách Thảo xyzzy');
    app.handle('web', 'person', { text: 'xóa dữ liệu' });
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytes()).not.toContain('Bách Thảo xyzzy');
    app.close();
  });
});
