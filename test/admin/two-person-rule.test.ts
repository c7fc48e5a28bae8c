/**
 * Every answer editable in the console, with a second pair of eyes: a reviewer's change (phrasings, an edit, a
 * retirement) is a proposal that citizens do not see until an admin approves it; an admin's own change goes
 * live, recorded. Approved changes apply without a restart and survive one. Real HTTP server, real SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, groupIds, signIn, type StaffClient } from '../helpers/staff.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function server(dataDir = tempDir()) {
  const s = await startTestServer({ DATA_DIR: dataDir, REVIEW_SAMPLE_RATE: '0' });
  servers.push(s);
  return s;
}
async function team(s: TestServer): Promise<{ reviewer: StaffClient; admin: StaffClient }> {
  await addStaff(s.app, 'minh', 'reviewer');
  await addStaff(s.app, 'lan', 'admin');
  return { reviewer: await signIn(s.url, 'minh', 'minh-password-123'), admin: await signIn(s.url, 'lan', 'lan-password-123') };
}
const answerText = async (s: TestServer, user: string, text: string) => {
  const r = await s.chat({ user, text });
  return { id: (r.json.intent.id ?? r.json.intent.kind) as string, text: r.json.replies.map((x: { text: string }) => x.text).join('\n') };
};
const proposalId = (html: string) => /action="\/admin\/knowledge\/(\d+)\/decide"/.exec(html)?.[1];

const NEW_ANSWER = 'BHXH tự nguyện là loại hình do Nhà nước tổ chức, người tham gia tự chọn mức thu nhập làm căn cứ đóng và phương thức đóng. (Bản sửa của cán bộ.)';

describe('two-person rule for the knowledge', () => {
  it("a reviewer's edit waits for an admin; rejected with a note it never reaches citizens, approved it does, and survives a restart", async () => {
    const dir = tempDir();
    const s = await server(dir);
    const { reviewer, admin } = await team(s);
    const page = await reviewer.get('/admin/entries/vol-what-is');
    expect(page.html).toContain('Người dân thấy câu trả lời này');
    expect(page.html).toContain('Gửi đề xuất');
    const form = (answer: string) => ({
      answer,
      legal_basis: 'Luật BHXH số 41/2024/QH15, Điều 4 khoản 2',
      source_url: 'https://baohiemxahoi.gov.vn/tin-tuc',
      questions: 'BHXH tự nguyện là gì?\nbhxh tu nguyen la gi\nBảo hiểm xã hội tự nguyện là gì?',
      reviewed_today: '1',
    });

    const first = await reviewer.post('/admin/entries/vol-what-is', form(`${NEW_ANSWER} Lần 1.`));
    expect(first.status).toBe(303);
    expect((await answerText(s, 'c1', 'bhxh tu nguyen la gi')).text).not.toContain('Bản sửa của cán bộ');
    const queue = await reviewer.get('/admin/knowledge');
    expect(queue.html).toContain('Chờ quản trị duyệt.');
    expect(proposalId(queue.html)).toBeUndefined(); // a reviewer gets no approve button
    const id1 = proposalId((await admin.get('/admin/knowledge')).html)!;
    expect((await reviewer.post(`/admin/knowledge/${id1}/decide`, { decision: 'approve', note: '' })).status).toBe(403);
    expect((await admin.post(`/admin/knowledge/${id1}/decide`, { decision: 'reject', note: 'Thiếu mức đóng tối thiểu' })).status).toBe(303);
    expect((await answerText(s, 'c2', 'bhxh tu nguyen la gi')).text).not.toContain('Bản sửa của cán bộ');
    const history = (await reviewer.get('/admin/entries/vol-what-is')).html;
    expect(history).toContain('bị từ chối');
    expect(history).toContain('Thiếu mức đóng tối thiểu');

    await reviewer.post('/admin/entries/vol-what-is', form(`${NEW_ANSWER} Lần 2.`));
    const id2 = proposalId((await admin.get('/admin/knowledge')).html)!;
    expect((await admin.post(`/admin/knowledge/${id2}/decide`, { decision: 'approve', note: 'Đúng' })).status).toBe(303);
    const live = await answerText(s, 'c3', 'bhxh tu nguyen la gi');
    expect(live).toMatchObject({ id: 'vol-what-is' });
    expect(live.text).toContain('(Bản sửa của cán bộ.) Lần 2.');
    expect(live.text).toContain('Điều 4 khoản 2');
    expect((await admin.post(`/admin/knowledge/${id2}/decide`, { decision: 'approve', note: '' })).status).toBe(404); // decided once

    await s.close();
    servers.splice(0);
    const again = await server(dir);
    expect((await answerText(again, 'c4', 'bhxh tu nguyen la gi')).text).toContain('Lần 2.');
    const yaml = (await (await signIn(again.url, 'lan', 'lan-password-123')).get('/admin/knowledge/export.yaml')).html;
    expect(yaml).toContain('edits:');
    expect(yaml).toContain('entry: vol-what-is');
  });

  it("an admin's edit goes live at once and is recorded; bad edits are refused and shown escaped", async () => {
    const s = await server();
    const { reviewer, admin } = await team(s);
    const base = { legal_basis: 'Luật BHXH số 41/2024/QH15, Điều 4', source_url: 'https://baohiemxahoi.gov.vn', questions: 'BHXH tự nguyện là gì?\nbhxh tu nguyen la gi' };
    expect((await admin.post('/admin/entries/vol-what-is', { ...base, answer: NEW_ANSWER })).status).toBe(303);
    expect((await answerText(s, 'c1', 'bhxh tu nguyen la gi')).text).toContain('(Bản sửa của cán bộ.)');
    expect((await reviewer.get('/admin/entries/vol-what-is')).html).toMatch(/<td>lan<\/td><td>Sửa [^<]*câu trả lời/);

    for (const bad of [{ source_url: 'http://evil.example' }, { answer: 'x'.repeat(1501) }, { questions: 'chỉ một cách hỏi' }]) {
      const refused = await admin.post('/admin/entries/vol-what-is', { ...base, answer: NEW_ANSWER, ...bad });
      expect({ bad: Object.keys(bad)[0], status: refused.status }).toEqual({ bad: Object.keys(bad)[0], status: 400 });
    }
    expect((await admin.post('/admin/entries/vol-what-is', { ...base, answer: NEW_ANSWER }, { csrf: null })).status).toBe(403);
    await reviewer.post('/admin/entries/vol-what-is', { ...base, answer: `<script>alert(1)</script> ${NEW_ANSWER}` });
    const knowledge = (await admin.get('/admin/knowledge')).html;
    expect(knowledge).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(knowledge).not.toContain('<script>alert(1)');
  });

  it('an admin edits the English answer and English phrasings; an English question then finds the entry and reads the new English answer', async () => {
    const s = await server();
    const { admin } = await team(s);
    const page = (await admin.get('/admin/entries/vol-what-is')).html;
    expect(page).toContain('Câu trả lời tiếng Anh');
    expect(page).toContain('name="questions_en"');
    const asked = 'can gig drivers like me join voluntary social insurance';
    const before = await answerText(s, 'e1', asked);
    const saved = await admin.post('/admin/entries/vol-what-is', {
      answer: NEW_ANSWER,
      legal_basis: 'Luật BHXH số 41/2024/QH15, Điều 4',
      source_url: 'https://baohiemxahoi.gov.vn',
      questions: 'BHXH tự nguyện là gì?\nbhxh tu nguyen la gi',
      answer_en: 'Voluntary BHXH is organised by the State; you choose your own income level. (Edited by staff.)',
      // the admin keeps the English phrasings the form shows and adds one
      questions_en: [...s.app.knowledge.entries().find((x) => x.id === 'vol-what-is')!.questions_en!, 'Can gig drivers join voluntary social insurance?'].join('\n'),
    });
    expect(saved.status).toBe(303);
    const after = await answerText(s, 'e2', asked);
    expect(before.text).not.toContain('(Edited by staff.)');
    expect(after).toMatchObject({ id: 'vol-what-is' });
    expect(after.text).toContain('(Edited by staff.)');
    // English phrasings stay apart from the Vietnamese ones.
    const e = s.app.knowledge.entries().find((x) => x.id === 'vol-what-is')!;
    expect(e.questions_en).toContain('Can gig drivers join voluntary social insurance?');
    expect(e.questions).not.toContain('Can gig drivers join voluntary social insurance?');
  });

  it('phrasings attached by a reviewer from the queue wait for approval; retiring needs an admin too', async () => {
    const s = await server();
    const { reviewer, admin } = await team(s);
    const FISH = 'Đóng bhxh cho người nuôi cá lồng trên hồ Ba Bể thế nào';
    expect((await answerText(s, 'c1', FISH)).id).toBe('fallback');
    const ids = groupIds((await reviewer.get('/admin/questions')).html, 'nuôi cá lồng');
    const proposed = await reviewer.post('/admin/questions/attach', { ids, entry: 'vol-what-is' });
    expect(proposed.location).toBe('/admin/questions?done=proposed');
    expect((await answerText(s, 'c2', FISH)).id).toBe('fallback');
    await admin.post(`/admin/knowledge/${proposalId((await admin.get('/admin/knowledge')).html)!}/decide`, { decision: 'approve', note: '' });
    expect((await answerText(s, 'c3', FISH)).id).toBe('vol-what-is');

    expect((await reviewer.post('/admin/entries/vol-what-is/retire', {})).location).toBe('/admin/entries?done=proposed');
    expect((await answerText(s, 'c4', 'bhxh tu nguyen la gi')).id).toBe('vol-what-is');
    expect((await admin.post('/admin/entries/vol-what-is/retire', {})).location).toBe('/admin/entries?done=retired');
    expect((await answerText(s, 'c5', 'bhxh tu nguyen la gi')).id).not.toBe('vol-what-is');
    expect((await admin.get('/admin/entries/vol-what-is')).status).toBe(404);
  });

  it('lists every answer, searchable without diacritics and by topic, with its reviewed date', async () => {
    const s = await server();
    const { reviewer } = await team(s);
    const all = (await reviewer.get('/admin/entries')).html;
    expect(all).toMatch(/\d+ trên \d+ câu trả lời/);
    const found = (await reviewer.get('/admin/entries?q=nghi+duong+suc')).html;
    expect(found).toContain('href="/admin/entries/mat-recovery"');
    expect(found).toContain('href="/admin/entries/tnld-recovery"');
    const topic = (await reviewer.get('/admin/entries?q=nghi+duong+suc&topic=work-accident')).html;
    expect(topic).toContain('href="/admin/entries/tnld-recovery"');
    expect(topic).not.toContain('href="/admin/entries/mat-recovery"');
    expect(all).toMatch(/\d\d\/\d\d\/\d{4}/);
  });
});
