/**
 * Wrong answers reach staff: "Chưa đúng" under an answer and "Không phải các câu trên" under a clarification
 * put the question (redacted) with what the bot gave into the review queue; staff see it on its own tab and
 * fix it by attaching it to the right entry, after which the bot answers it right. "Đúng ý tôi" is counted on
 * the dashboard. Doubtful answers are sampled into the queue. Real HTTP server, real SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, groupIds, signIn } from '../helpers/staff.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// Answered with the father's allowance; the person meant the mother's 2,000,000 đ allowance.
const MISROUTED = 'Tôi đóng tự nguyện được 7 tháng thì sinh con có được 2 triệu không? Số tôi 0912 345 678';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

type Button = { label: string; payload: string };
type Reply = { text: string; buttons?: Button[] };
const lastReply = (json: { replies: Reply[] }) => json.replies.at(-1)!;
/** The feedback buttons: last in the list, payloads "v:g:…" / "v:b:…". */
const feedbackOf = (reply: Reply) => (reply.buttons ?? []).filter((b) => /^v:[gb]:/.test(b.payload));

describe('feedback on answers', () => {
  it('"Chưa đúng" sends the question, redacted, with the answer given to the review queue; an admin attaching it fixes the answer', async () => {
    s = await startTestServer({ REVIEW_SAMPLE_RATE: '0' });
    const first = await s.chat({ user: 'citizen-1', text: MISROUTED });
    expect(first.json.intent).toMatchObject({ kind: 'faq', id: 'vol-maternity-father' });
    const answer = lastReply(first.json);
    expect(feedbackOf(answer).map((b) => b.label)).toEqual(['Đúng ý tôi', 'Chưa đúng']);
    expect(answer.buttons!.slice(-2)).toEqual(feedbackOf(answer));
    const notRight = feedbackOf(answer)[1]!;

    const thanks = await s.chat({ user: 'citizen-1', payload: notRight.payload });
    expect(lastReply(thanks.json).text).toContain('đã được gửi để cán bộ BHXH xem lại');
    expect(lastReply(thanks.json).text).toContain('1900 9068');
    // Pressed again later: thanked, but queued once.
    await s.chat({ user: 'citizen-1', payload: notRight.payload });

    await addStaff(s.app, 'lan', 'admin');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const page = (await staff.get('/admin/questions?kind=misroute')).html;
    expect(page).toContain('Người dân báo chưa đúng (1)');
    expect(page).toContain('Tôi đóng tự nguyện được 7 tháng thì sinh con');
    expect(page).not.toContain('345 678');
    expect(page).toContain('Trợ lý đã trả lời');
    expect(page).toContain('<a href="/admin/entries/vol-maternity-father"');
    expect((await staff.get('/admin/questions')).html).not.toContain('Tôi đóng tự nguyện được 7 tháng');

    const ids = groupIds(page, 'Tôi đóng tự nguyện được 7 tháng');
    const attached = await staff.post('/admin/questions/attach', { ids, entry: 'vol-maternity-allowance' });
    expect(attached.status).toBe(303);
    expect((await staff.get('/admin/questions?kind=misroute')).html).toContain('Người dân báo chưa đúng (0)');
    const again = await s.chat({ user: 'citizen-2', text: 'Tôi đóng tự nguyện được 7 tháng thì sinh con có được 2 triệu không?' });
    expect(again.json.intent).toMatchObject({ kind: 'faq', id: 'vol-maternity-allowance' });
  });

  it('"Không phải các câu trên" sends a clarification to the queue with the entries offered', async () => {
    s = await startTestServer({ REVIEW_SAMPLE_RATE: '0' });
    const r = await s.chat({ user: 'citizen-3', text: 'bhxh tu nguyen dong bao nhieu' });
    expect(r.json.intent.kind).toBe('clarify');
    const none = lastReply(r.json).buttons!.find((b) => b.label === 'Không phải các câu trên')!;
    const thanks = await s.chat({ user: 'citizen-3', payload: none.payload });
    expect(lastReply(thanks.json).buttons?.some((b) => b.label === 'Gửi câu hỏi cho cán bộ')).toBe(true);
    await addStaff(s.app, 'lan', 'reviewer');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const page = (await staff.get('/admin/questions?kind=misroute')).html;
    expect(page).toContain('bhxh tu nguyen dong bao nhieu');
    expect(page).toContain('Người dân báo chưa đúng (1)');
  });

  it('a typed "0" after an answer counts as "Chưa đúng" (Zalo shows it as a hint)', async () => {
    s = await startTestServer({ REVIEW_SAMPLE_RATE: '0' });
    await s.chat({ user: 'citizen-4', text: MISROUTED });
    const thanks = await s.chat({ user: 'citizen-4', text: '0' });
    expect(thanks.json.intent).toMatchObject({ kind: 'command', id: 'feedback' });
    expect(s.app.unanswered.countByKind('new')).toEqual({ fallback: 0, misroute: 1, sampled: 0 });
  });

  it('"Đúng ý tôi" is counted on the dashboard with the helpful rate per answer', async () => {
    s = await startTestServer({ REVIEW_SAMPLE_RATE: '0' });
    const a = await s.chat({ user: 'citizen-5', text: 'bhxh tu nguyen la gi' });
    await s.chat({ user: 'citizen-5', payload: feedbackOf(lastReply(a.json))[0]!.payload });
    const b = await s.chat({ user: 'citizen-6', text: 'bhxh tu nguyen la gi' });
    await s.chat({ user: 'citizen-6', payload: feedbackOf(lastReply(b.json))[1]!.payload });
    await addStaff(s.app, 'lan', 'reviewer');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const html = (await staff.get('/admin/dashboard')).html;
    expect(html).toContain('1 lần &quot;Đúng ý tôi&quot;, 1 lần &quot;Chưa đúng&quot; (tỷ lệ hữu ích 50.0%)');
    expect(html).toMatch(/<tr><th scope="row">[^<]*BHXH tự nguyện[^<]*<\/th><td>1<\/td><td>1<\/td><td>50\.0%<\/td><\/tr>/);
  });

  it('samples doubtful answers into the queue at REVIEW_SAMPLE_RATE, and none at 0', async () => {
    s = await startTestServer({ REVIEW_SAMPLE_RATE: '1' });
    await s.chat({ user: 'citizen-7', text: MISROUTED });
    await s.chat({ user: 'citizen-7', text: 'bhxh tu nguyen la gi' }); // a sure answer: never sampled
    expect(s.app.unanswered.countByKind('new')).toEqual({ fallback: 0, misroute: 0, sampled: 1 });
    await s.close();
    s = await startTestServer({ REVIEW_SAMPLE_RATE: '0' });
    await s.chat({ user: 'citizen-7', text: MISROUTED });
    expect(s.app.unanswered.countByKind('new')).toEqual({ fallback: 0, misroute: 0, sampled: 0 });
  });
});
