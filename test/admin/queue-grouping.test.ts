/**
 * Issue 16 item 6: the review queue is grouped incrementally and stored, so the whole queue is grouped (not only
 * its newest 2,000) and a page reads its groups from SQL. Functional checks, not timings (those are in
 * `npm run bench`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { groupQuestions } from '../../src/admin/question-groups.js';
import { createQueueGrouper } from '../../src/admin/queue-grouper.js';
import { GROUPS_PER_PAGE } from '../../src/admin/routes/question-routes.js';
import { createApp, DATABASE_FILE, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { keptQuestion } from '../../src/core/feedback.js';
import type { QueueKind } from '../../src/core/types.js';
import { openDatabase, type Db } from '../../src/storage/sqlite/database.js';
import { createSqliteQueueGroups } from '../../src/storage/sqlite/queue-groups.js';
import { UNANSWERED_PER_PURGE } from '../../src/storage/sqlite/retention.js';
import { addStaff, signIn } from '../helpers/staff.js';
import { ROOT, startTestServer, tempDir, testClock, type TestServer } from '../helpers/test-server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

type Row = { text: string; folded?: string; kind?: QueueKind; at: number };
function fill(db: Db, rows: readonly Row[]): void {
  const add = db.prepare("INSERT INTO unanswered (text, folded, channel, created_at, nearest, user_key, kind) VALUES (?, ?, 'web', ?, '[]', ?, ?)");
  db.transaction(() => rows.forEach((r, i) => add.run(r.text, r.folded ?? keptQuestion(r.text).folded, r.at, `user-${i}`, r.kind ?? 'fallback')))();
}

/** Queues a question as the bot does when it cannot answer. */
function queue(app: App, text: string, userKey: string): void {
  expect(app.unanswered.add({ ...keptQuestion(text), channel: 'web', userKey, at: app.clock(), nearest: [] })).toBe(true);
}

/** The stored groups of a kind, as sorted lists of question ids. */
function storedGroups(db: Db, kind: QueueKind): number[][] {
  const store = createSqliteQueueGroups(db);
  return store
    .groups(kind, 1e6, 0)
    .map((g) => store.formsOfGroup(g.id).flatMap((f) => store.members(f, 0, Number.MAX_SAFE_INTEGER, 1e6).map((m) => m.id)))
    .map((ids) => ids.sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
}

const GOLD = ['Giá vàng hôm nay bao nhiêu?', 'gia vang hom nay bao nhieu', 'gias vangf hoom nay bao nhieeu'];
const BEES = ['Bảo hiểm cho đàn ong mật nhà tôi', 'bao hiem cho dan ong mat nha toi', 'bảo hiểm cho đàn ong mật nhà tôi?'];
const FISH = ['Nuôi cá lồng trên hồ Ba Bể có được hỗ trợ không', 'nuoi ca long tren ho ba be co duoc ho tro khong'];

describe('the stored grouping', () => {
  it('gives the groups of grouping the whole queue at once, whatever waves the questions came in and whole groups resolved between', async () => {
    // Near-duplicates: a few base wordings, each question one with up to three letters changed, put or left out.
    const letters = 'abcdeghn ';
    const base = fc.string({ unit: fc.constantFrom(...letters.split('')), minLength: 6, maxLength: 24 });
    const edit = fc.tuple(fc.nat(), fc.constantFrom(...letters.split('')), fc.constantFrom('put', 'drop', 'swap'));
    const variant = (b: string, edits: [number, string, string][]) =>
      edits.reduce((t, [at, c, op]) => {
        const i = at % (t.length + 1);
        return op === 'put' ? t.slice(0, i) + c + t.slice(i) : op === 'drop' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + c + t.slice(i + 1);
      }, b);
    const item = fc.record({ base: fc.nat(), edits: fc.array(edit, { maxLength: 3 }), kind: fc.constantFrom<QueueKind>('fallback', 'fallback', 'misroute') });
    await fc.assert(
      fc.asyncProperty(fc.array(base, { minLength: 1, maxLength: 5 }), fc.array(fc.array(item, { maxLength: 25 }), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 3 }), async (bases, raw, resolved) => {
        const waves = raw.map((wave) => wave.map((q) => ({ folded: variant(bases[q.base % bases.length]!, q.edits), kind: q.kind })));
        const db = openDatabase(':memory:');
        const store = createSqliteQueueGroups(db);
        const grouper = createQueueGrouper(store, { sliceMs: 0 });
        let at = 1;
        for (const [w, wave] of waves.entries()) {
          fill(db, wave.map((q) => ({ text: q.folded, folded: q.folded, kind: q.kind, at: at++ })));
          await grouper.settle();
          // Staff resolve whole groups (the page's actions do): the rest regroups as if those were never asked.
          const open = storedGroups(db, 'fallback');
          const gone = open[(resolved[w] ?? 0) % Math.max(1, open.length)] ?? [];
          db.prepare(`UPDATE unanswered SET status = 'dismissed' WHERE id IN (${gone.join(',') || 0})`).run();
        }
        await grouper.settle();
        for (const kind of ['fallback', 'misroute'] as const) {
          const rows = db.prepare("SELECT id, text, folded, channel, created_at AS createdAt FROM unanswered WHERE status = 'new' AND kind = ?").all(kind) as never[];
          const batch = groupQuestions(rows).map((g) => g.ids.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
          expect(storedGroups(db, kind)).toEqual(batch);
          const counts = store.counts()[kind];
          expect(counts).toEqual({ questions: rows.length, groups: batch.length });
        }
        db.close();
      }),
      { seed: 20261216, numRuns: 120 },
    );
  });

  it('keeps the counts right through dismissals, "xóa dữ liệu" and retention, and leaves no trace of an erased question', async () => {
    const dataDir = tempDir();
    const clock = testClock();
    const app = createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge') }), clock.now);
    const grouper = createQueueGrouper(createSqliteQueueGroups(app.db));
    queue(app, 'bảo hiểm cho đàn dê giống Bách Thảo xyzzy', app.keyer('web', 'person'));
    fill(app.db, BEES.map((text, i) => ({ text, at: clock.now() - 1000 * i })));
    await grouper.settle();
    const counts = () => createSqliteQueueGroups(app.db).counts().fallback;
    expect(counts()).toEqual({ questions: 4, groups: 2 });
    app.handle('web', 'person', { text: 'xóa dữ liệu' });
    expect(counts()).toEqual({ questions: 3, groups: 1 });
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(dataDir, DATABASE_FILE)).toString('utf8');
    expect(bytes).not.toContain('Bách Thảo xyzzy');
    expect(bytes).not.toContain('bach thao xyzzy');
    expect(app.db.prepare(`SELECT rowid FROM unanswered_search WHERE unanswered_search MATCH '"xyzzy"'`).all()).toEqual([]);
    app.db.prepare('DELETE FROM unanswered WHERE created_at < ?').run(clock.now() - 1500); // as retention does
    expect(counts()).toEqual({ questions: 2, groups: 1 });
    app.db.prepare("UPDATE unanswered SET status = 'dismissed'").run();
    expect(counts()).toEqual({ questions: 0, groups: 0 });
    expect(app.db.prepare('SELECT (SELECT COUNT(*) FROM queue_groups) + (SELECT COUNT(*) FROM queue_forms) AS n').get()).toEqual({ n: 0 });
    app.close();
  });
});

describe('the grouper and other processes', () => {
  it('does not wait for a lock another connection holds: it gives up at once and groups once the lock is gone', async () => {
    const file = join(tempDir(), 'q.sqlite');
    const db = openDatabase(file);
    const other = openDatabase(file);
    fill(db, BEES.map((text, i) => ({ text, at: 1_000 + i })));
    const grouper = createQueueGrouper(createSqliteQueueGroups(db));
    other.exec('BEGIN EXCLUSIVE');
    const waited = performance.now();
    await expect(grouper.settle()).rejects.toThrow(/locked/);
    expect(performance.now() - waited).toBeLessThan(2_000); // the busy timeout is 5 s
    other.exec('ROLLBACK');
    await grouper.settle();
    expect(storedGroups(db, 'fallback')).toEqual([[1, 2, 3]]);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000);
    other.close();
    db.close();
  });
});

describe('retention of a long queue', () => {
  it('deletes at most UNANSWERED_PER_PURGE questions a call, so that the service purges between turns', () => {
    const clock = testClock();
    const app = createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge') }), clock.now);
    const old = clock.now() - (app.config.retentionDays + 1) * 86_400_000;
    fill(app.db, Array.from({ length: 2 * UNANSWERED_PER_PURGE + 7 }, (_, i) => ({ text: `câu hỏi cũ số ${i}`, at: old - i })));
    fill(app.db, [{ text: 'câu hỏi mới', at: clock.now() }]);
    expect([0, 1, 2, 3].map(() => app.purgeExpired().unanswered)).toEqual([UNANSWERED_PER_PURGE, UNANSWERED_PER_PURGE, 7, 0]);
    expect(createSqliteQueueGroups(app.db).counts().fallback.questions).toBe(1);
    app.close();
  });
});

describe('the review queue page, past the old 2,000 limit', () => {
  it('groups 2,500 questions typed three ways each into 3 groups with the right counts, pages the rest, and a question asked after the page joins its group', async () => {
    s = await startTestServer();
    const at = s.app.clock();
    const wordings = [...Array.from({ length: 1_200 }, (_, i) => GOLD[i % 3]!), ...Array.from({ length: 800 }, (_, i) => BEES[i % 3]!), ...Array.from({ length: 500 }, (_, i) => FISH[i % 2]!)];
    fill(s.app.db, wordings.map((text, i) => ({ text, at: at - 60_000 - i })));
    await addStaff(s.app, 'lan', 'reviewer');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const page = await staff.get('/admin/questions');
    expect(page.html).toContain('2500 câu hỏi, gộp thành 3 nhóm');
    expect([...page.html.matchAll(/<strong>(\d+) lần hỏi<\/strong>/g)].map((m) => Number(m[1]))).toEqual([1_200, 800, 500]);
    expect(page.html).toMatch(/<h2 id="g0" class="question-text">Giá vàng hôm nay bao nhiêu\?<\/h2>/);
    expect(page.html).toContain('3 cách hỏi khác nhau');
    expect(page.html).not.toContain('Trang 1/');
    // A group this big is named by its ref, not by a list of 1,200 ids.
    const ref = /name="group" value="(\d+:\d+)"/.exec(page.html)![1]!;
    expect(page.html.slice(0, page.html.indexOf('id="g1"'))).not.toContain('name="ids"');

    queue(s.app, 'bao hiem cho dan ong mat nha toi', 'beekeeper');
    const again = await staff.get('/admin/questions');
    expect(again.html).toContain('2501 câu hỏi, gộp thành 3 nhóm');
    expect([...again.html.matchAll(/<strong>(\d+) lần hỏi<\/strong>/g)].map((m) => Number(m[1]))).toEqual([1_200, 801, 500]);

    // Dismissing the gold group from the first page takes its 1,200 questions and nothing asked after the page.
    queue(s.app, 'gia vang hom nay bao nhieu', 'goldbug');
    expect((await staff.post('/admin/questions/dismiss', { group: ref, reason: 'out-of-scope' })).status).toBe(303);
    const after = await staff.get('/admin/questions');
    expect([...after.html.matchAll(/<strong>(\d+) lần hỏi<\/strong>/g)].map((m) => Number(m[1]))).toEqual([801, 500, 1]);

    // Paged: 60 more different questions make 63 groups on 3 pages, the biggest first.
    let seed = 7;
    const letter = () => 'abcdefghiklmnopqrstuvxyzw'[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 25];
    const junk = Array.from({ length: 60 }, () => Array.from({ length: 30 }, letter).join(''));
    fill(s.app.db, junk.map((text, i) => ({ text, at: at - i })));
    const first = await staff.get('/admin/questions');
    expect(first.html).toContain('gộp thành 63 nhóm');
    expect(first.html).toContain('Trang 1/3');
    expect(first.html.match(/<section class="card group"/g)).toHaveLength(GROUPS_PER_PAGE);
    const last = await staff.get('/admin/questions?page=3');
    expect(last.html.match(/<section class="card group"/g)).toHaveLength(63 - 2 * GROUPS_PER_PAGE);
    // Search, without diacritics, finds the group by any of its wordings; one or two letters work too.
    const found = await staff.get('/admin/questions?q=HỒ%20BA%20BE');
    expect(found.html).toContain('gộp thành 1 nhóm');
    expect(found.html).toContain('500 lần hỏi');
    const withXq = junk.filter((t) => t.includes('xq')).length;
    expect(withXq).toBeGreaterThan(0);
    expect((await staff.get('/admin/questions?q=XQ')).html).toContain(`gộp thành ${withXq} nhóm`);
  });

  it('shows each kind on its own tab, grouped apart', async () => {
    s = await startTestServer();
    const at = s.app.clock();
    fill(s.app.db, [...BEES.map((text) => ({ text, at, kind: 'misroute' as const })), { text: BEES[0]!, at, kind: 'sampled' }, { text: GOLD[0]!, at }]);
    await addStaff(s.app, 'lan', 'reviewer');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const misroutes = await staff.get('/admin/questions?kind=misroute');
    expect(misroutes.html).toContain('3 câu hỏi, gộp thành 1 nhóm');
    expect(misroutes.html).toMatch(/Chưa trả lời được \(1\).*Người dân báo chưa đúng \(3\).*Trả lời chưa chắc chắn \(1\)/s);
    expect((await staff.get('/admin/questions?kind=sampled')).html).toContain('1 câu hỏi, gộp thành 1 nhóm');
  });
});
