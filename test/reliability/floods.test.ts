/**
 * Issue 15, item 6, as attacks on the running service: one address inventing a new web conversation for every
 * message, one person (and everyone together) filling the staff queue with junk, and a queue of 2,000 junk
 * questions that used to hide the real ones and freeze the console page for seconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GROUPS_PER_PAGE } from '../../src/admin/routes/question-routes.js';
import { MAX_PER_PERSON_DAY } from '../../src/storage/sqlite/unanswered-queue.js';
import { addStaff, signIn } from '../helpers/staff.js';
import { startTestServer, testClock, type TestServer } from '../helpers/test-server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});
const count = (table: string) => (s!.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const junk = (i: number) => `zx${i.toString(36)}q ${(i * 7919).toString(36)}vk ${(i * 104729).toString(36)}wm`;

describe('floods', () => {
  it('600 new user ids from one address are all answered, but only the first 30 conversations are stored', async () => {
    s = await startTestServer({ HTTP_RATE_LIMIT_PER_MINUTE: '0' });
    const replies = await Promise.all(
      Array.from({ length: 600 }, (_, i) => s!.chat({ user: `flood-${i}`, text: i % 2 ? 'bhxh tu nguyen la gi' : 'đóng bhxh tự nguyện ở đâu' })),
    );
    expect(replies.every((r) => r.status === 200 && r.json.replies.length > 0)).toBe(true);
    expect(replies.filter((r) => r.json.intent.kind === 'faq').length).toBeGreaterThanOrEqual(300);
    expect(count('sessions')).toBeLessThanOrEqual(30);
    // A person the bot already knows keeps their conversation whatever the address did since.
    const known = await s.chat({ user: 'flood-1', text: 'còn mức đóng thì sao' });
    expect(known.status).toBe(200);
    expect(s.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: count('sessions') });
  });

  it('with the limit switched off (WEB_NEW_CONVERSATIONS_PER_HOUR=0) every conversation is kept', async () => {
    s = await startTestServer({ WEB_NEW_CONVERSATIONS_PER_HOUR: '0' });
    for (let i = 0; i < 40; i++) await s.chat({ user: `u-${i}`, text: 'bhxh tu nguyen la gi' });
    expect(count('sessions')).toBe(40);
  });

  it('queues at most MAX_PER_PERSON_DAY questions a person a Vietnamese day; the next day they are heard again', async () => {
    const clock = testClock();
    s = await startTestServer({}, clock.now);
    await s.chat({ user: 'spammer', text: 'bhxh tu nguyen la gi' }); // a known person
    for (let i = 0; i < MAX_PER_PERSON_DAY + 5; i++) expect((await s.chat({ user: 'spammer', text: junk(i) })).json.intent.kind).toBe('fallback');
    await s.chat({ user: 'citizen', text: 'bhxh tu nguyen la gi' });
    await s.chat({ user: 'citizen', text: 'bảo hiểm cho đàn ong mật' });
    expect(count('unanswered')).toBe(MAX_PER_PERSON_DAY + 1);
    clock.advance(24 * 3_600_000);
    await s.chat({ user: 'spammer', text: junk(999) });
    expect(count('unanswered')).toBe(MAX_PER_PERSON_DAY + 2);
  });

  it('a queue of 2,000 junk questions is paged, and a question asked by several people stays on the first page', async () => {
    s = await startTestServer();
    const add = s.app.db.prepare("INSERT INTO unanswered (text, folded, channel, created_at, nearest, user_key) VALUES (?, ?, 'web', ?, '[]', ?)");
    const at = s.app.clock();
    s.app.db.transaction(() => {
      for (let i = 0; i < 2_000; i++) add.run(junk(i), junk(i), at - i, `junk-${i}`);
    })();
    for (const text of ['bảo hiểm cho đàn ong mật nhà tôi', 'bao hiem cho dan ong mat nha toi', 'Bảo hiểm cho đàn ong mật nhà tôi?']) {
      await s.chat({ user: `beekeeper-${text.length}-${text[0]}`, text });
    }
    await addStaff(s.app, 'lan', 'reviewer');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const first = await staff.get('/admin/questions');
    expect(first.status).toBe(200);
    expect(first.html.match(/<section class="card group"/g)).toHaveLength(GROUPS_PER_PAGE);
    expect(first.html).toMatch(/<h2 id="g0" class="question-text">Bảo hiểm cho đàn ong mật nhà tôi/);
    const groups = Number(/gộp thành (\d+) nhóm/.exec(first.html)?.[1]);
    expect(groups).toBeGreaterThan(1_900);
    const pages = Math.ceil(groups / GROUPS_PER_PAGE);
    expect(first.html).toContain(`Trang 1/${pages}`);
    expect(first.html).toContain('href="/admin/questions?kind=fallback&amp;page=2"');
    const last = await staff.get(`/admin/questions?page=${pages}`);
    expect(last.html.match(/<section class="card group"/g)).toHaveLength(groups - (pages - 1) * GROUPS_PER_PAGE);
    expect((await staff.get('/admin/questions?page=9999')).html).toContain(`Trang ${pages}/${pages}`);
    const found = await staff.get('/admin/questions?q=ong%20mat');
    expect(found.html.match(/<section class="card group"/g)).toHaveLength(1);
  });
});
