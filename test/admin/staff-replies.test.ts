/**
 * Staff reply to citizens who asked for staff, on the channel they used: Telegram at once (through the outbox,
 * to a fake Bot API on 127.0.0.1), the web chat when the page next asks (once), Zalo only inside its window;
 * the citizen answers back into the same request, which returns to the queue. Real server, real SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fake-platforms.js';
import { startFullService, type FullService } from '../helpers/full-service.js';
import { addStaff, signIn } from '../helpers/staff.js';
import { postJson, startTestServer, testClock, type TestServer } from '../helpers/test-server.js';

let web: TestServer | undefined;
let full: FullService | undefined;
afterEach(async () => {
  await web?.close();
  await full?.close();
  web = full = undefined;
});

type Reply = { text: string; buttons?: { label: string; payload: string }[] };
const pressLabel = (replies: Reply[], label: string) => replies.flatMap((r) => r.buttons ?? []).find((b) => b.label === label)!.payload;
const requestIdIn = (html: string) => /action="\/admin\/requests\/(\d+)\/reply"/.exec(html)![1]!;

describe('staff replies to citizens', () => {
  it('web: the reply is shown once when the page asks; the citizen answers back and the request returns to the queue', async () => {
    web = await startTestServer();
    const s = web;
    await s.chat({ user: 'web-citizen', text: 'gặp cán bộ' });
    const asked = await s.chat({ user: 'web-citizen', text: 'công ty tôi nợ bảo hiểm 6 tháng rồi thì làm sao' });
    await s.chat({ user: 'web-citizen', payload: pressLabel(asked.json.replies, 'Không, cảm ơn') });
    await addStaff(s.app, 'minh', 'reviewer');
    const staff = await signIn(s.url, 'minh', 'minh-password-123');
    const page = (await staff.get('/admin/requests')).html;
    expect(page).toContain('công ty tôi nợ bảo hiểm 6 tháng rồi');
    expect(page).toContain('Người dân thấy khi mở lại trang trò chuyện');
    const id = requestIdIn(page);

    const empty = await staff.post(`/admin/requests/${id}/reply`, { text: '   ' });
    expect(empty.location).toBe('/admin/requests?problem=empty');
    expect((await staff.post(`/admin/requests/${id}/reply`, { text: 'Chào bạn' }, { csrf: null })).status).toBe(403);
    const sent = await staff.post(`/admin/requests/${id}/reply`, { text: 'Bạn gửi đơn đến BHXH cơ sở nơi công ty đóng trụ sở, kèm hợp đồng lao động. <b>Chúc bạn</b>' });
    expect(sent.location).toBe('/admin/requests?status=answered&done=sent-web');
    expect((await staff.get('/admin/requests?status=answered')).html).toContain('&lt;b&gt;Chúc bạn&lt;/b&gt;');

    const inbox = await postJson(`${s.url}/api/chat/inbox`, { user: 'web-citizen' });
    expect(inbox.status).toBe(200);
    expect(inbox.json.replies[0].text).toContain('Cán bộ BHXH trả lời câu hỏi bạn đã gửi');
    expect(inbox.json.replies[0].text).toContain('Bạn gửi đơn đến BHXH cơ sở');
    expect((await postJson(`${s.url}/api/chat/inbox`, { user: 'web-citizen' })).json.replies).toEqual([]); // once
    expect((await postJson(`${s.url}/api/chat/inbox`, { user: 'someone-else' })).json.replies).toEqual([]);
    expect((await postJson(`${s.url}/api/chat/inbox`, { nobody: 1 })).status).toBe(400);

    const answerBack = pressLabel(inbox.json.replies, 'Trả lời cán bộ');
    // Someone else pressing the same button cannot write into this request.
    await s.chat({ user: 'intruder', text: 'xin chào' });
    await s.chat({ user: 'intruder', payload: answerBack });
    expect((await s.chat({ user: 'intruder', text: 'tôi chèn vào' })).json.replies[0].text).toContain('không còn lưu');

    expect((await s.chat({ user: 'web-citizen', payload: answerBack })).json.replies[0].text).toContain('Mời bạn gõ nội dung');
    const back = await s.chat({ user: 'web-citizen', text: 'Cảm ơn, số của tôi là 0912 345 678 nếu cần gọi' });
    expect(back.json.replies[0].text).toContain('Đã gửi cho cán bộ');
    const queue = (await staff.get('/admin/requests')).html;
    expect(queue).toContain('Cảm ơn, số của tôi là');
    expect(queue).not.toContain('345 678');
    expect(queue).not.toContain('tôi chèn vào');
    // The conversation goes on as usual afterwards.
    expect((await s.chat({ user: 'web-citizen', text: 'bhxh tu nguyen la gi' })).json.intent).toMatchObject({ kind: 'faq', id: 'vol-what-is' });
  });

  it('Telegram: the reply reaches the chat at once through the outbox, with "Trả lời cán bộ"; a press files the answer', async () => {
    full = await startFullService();
    const f = full;
    const user = 70_001;
    const from = { id: user, is_bot: false, first_name: 'Lan' };
    let n = 900;
    const say = (text: string) => f.telegramUpdate({ update_id: ++n, message: { message_id: n, from, chat: { id: user, type: 'private' }, date: 0, text } });
    const press = (data: string) => f.telegramUpdate({ update_id: ++n, callback_query: { id: `cq${n}`, from, data, message: { message_id: 1, chat: { id: user, type: 'private' }, date: 0 } } });
    await say('gặp cán bộ');
    await say('tôi muốn hỏi về chốt sổ khi nghỉ việc');
    type Keyboard = { reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } };
    const buttonOf = (label: string) => (m: { body: unknown }) => (m.body as Keyboard).reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
    const noThanks = await waitFor(() => f.telegram.messages().map(buttonOf('Không, cảm ơn')).find(Boolean));
    await press(noThanks.callback_data);
    await waitFor(() => f.telegram.messages().some((m) => String(m.body.text).includes('Đã chuyển câu hỏi')));

    await addStaff(f.service.app, 'lan', 'admin');
    const staff = await signIn(f.url, 'lan', 'lan-password-123');
    const id = requestIdIn((await staff.get('/admin/requests')).html);
    expect((await staff.post(`/admin/requests/${id}/reply`, { text: 'Công ty phải chốt sổ cho bạn khi nghỉ việc.' })).location).toBe('/admin/requests?status=answered&done=sent-telegram');
    const delivered = await waitFor(() => f.telegram.messages().find((m) => String(m.body.text).includes('Công ty phải chốt sổ cho bạn')));
    expect(delivered.body.chat_id).toBe(user);
    const button = buttonOf('Trả lời cán bộ')(delivered)!;
    await press(button.callback_data);
    await say('Cảm ơn anh chị nhiều');
    await waitFor(() => f.telegram.messages().some((m) => String(m.body.text).includes('Đã gửi cho cán bộ')));
    expect((await staff.get('/admin/requests')).html).toContain('Cảm ơn anh chị nhiều');
  });

  it('Zalo: the console says so when the window has closed, and nothing is sent', async () => {
    const clock = testClock();
    full = await startFullService({}, clock.now);
    const f = full;
    const zaloUser = 'zalo-user-777';
    let n = 0;
    const say = (text: string) =>
      f.zaloUpdate({ ok: true, result: { event_name: 'message.text.received', message: { from: { id: zaloUser, display_name: 'Lan' }, chat: { id: zaloUser, chat_type: 'PRIVATE' }, text, message_id: `zm-${++n}`, date: 0 } } });
    await say('gặp cán bộ');
    await say('tôi muốn hỏi về bảo hiểm thất nghiệp');
    await waitFor(() => f.zalo.texts().some((t) => t.includes('Không, cảm ơn')));
    await say('2'); // "Không, cảm ơn", by number
    await waitFor(() => f.zalo.texts().some((t) => t.includes('Đã chuyển câu hỏi')));
    clock.advance(8 * 86_400_000);
    await addStaff(f.service.app, 'lan', 'admin');
    const staff = await signIn(f.url, 'lan', 'lan-password-123');
    const page = (await staff.get('/admin/requests')).html;
    expect(page).toContain('Đã quá 7 ngày từ lần cuối người dân nhắn');
    const id = /id="r(\d+)"/.exec(page)![1]!;
    const before = f.zalo.texts().length;
    expect((await staff.post(`/admin/requests/${id}/reply`, { text: 'Chào bạn' })).location).toBe('/admin/requests?problem=window-closed');
    expect(f.zalo.texts()).toHaveLength(before);
  });
});
