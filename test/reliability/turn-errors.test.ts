/**
 * Hardening item 3: a reviewer could break the public bot (a 77-character entry id made every payload that
 * named it longer than Telegram's 64 bytes), and any bug inside a turn became "503 storage unavailable", which
 * a webhook redelivers forever. Now ids are capped, and a failure inside a turn is answered politely and
 * acknowledged; only database errors are storage errors.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullService, type FullService } from '../helpers/full-service.js';
import { waitFor } from '../helpers/fake-platforms.js';
import { addStaff, groupIds, signIn } from '../helpers/staff.js';
import { ROOT, tempDir } from '../helpers/test-server.js';

// A flow whose steps loop without asking: the engine stops it by throwing, a stand-in for any bug in a turn.
const LOOP = 'id: broken-loop\nversion: 1\ntitle: flows.titles.welcome\ntriggers: [vòng lặp thử nghiệm]\nstart: a\nsteps:\n  a: { kind: say, text: flows.common.yes, next: b }\n  b: { kind: say, text: flows.common.no, next: a }\n';

let s: FullService;
beforeAll(async () => {
  const flows = tempDir('bhxh-flows-');
  cpSync(join(ROOT, 'flows'), flows, { recursive: true });
  writeFileSync(join(flows, 'broken-loop.yaml'), LOOP);
  s = await startFullService({ FLOWS_DIR: flows });
});
afterAll(async () => s.close());

const tg = (updateId: number, text: string, user = 5151) => ({ update_id: updateId, message: { message_id: updateId, from: { id: user, is_bot: false, first_name: 'A' }, chat: { id: user, type: 'private' }, date: 0, text } });
const zl = (messageId: string, text: string, user = 'zloop') => ({ ok: true, result: { event_name: 'message.text.received', message: { from: { id: user }, chat: { id: user, chat_type: 'PRIVATE' }, text, message_id: messageId, date: 0 } } });

describe('a failure inside a turn', () => {
  it('the chat API answers 200 with an apology, not a 5xx, and the service answers afterwards', async () => {
    const r = await s.post('/api/chat', { user: 'loop-web', text: 'vòng lặp thử nghiệm' });
    expect(r.status).toBe(200);
    expect(r.json.replies[0].text).toContain('Xin lỗi, tôi gặp lỗi');
    expect(r.json.intent).toEqual({ kind: 'command', id: 'error' });
    expect((await s.post('/api/chat', { user: 'loop-web', text: 'bhxh tu nguyen la gi' })).json.intent.kind).toBe('faq');
    expect(s.logs.join('')).toContain('turn failed');
    expect(s.logs.join('')).not.toContain('vòng lặp thử nghiệm');
  });

  it('a Telegram update is acknowledged once, the person gets one apology, a redelivery does nothing', async () => {
    const first = await s.telegramUpdate(tg(880001, 'vòng lặp thử nghiệm'));
    expect(first.status).toBe(200);
    expect(first.json.outcome).toBe('handled');
    await waitFor(() => s.telegram.messages().some((m) => String(m.body.text).includes('Xin lỗi, tôi gặp lỗi')));
    const again = await s.telegramUpdate(tg(880001, 'vòng lặp thử nghiệm'));
    expect(again.json.outcome).toBe('duplicate');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.telegram.messages().filter((m) => String(m.body.text).includes('Xin lỗi, tôi gặp lỗi'))).toHaveLength(1);
    expect(s.logs.join('')).toContain('telegram update 880001');
  });

  it('a Zalo update likewise', async () => {
    const first = await s.zaloUpdate(zl('zloop-1', 'vòng lặp thử nghiệm'));
    expect(first.status).toBe(200);
    expect(first.json.outcome).toBe('handled');
    await waitFor(() => s.zalo.texts().some((t) => t.includes('Xin lỗi, tôi gặp lỗi')));
    expect((await s.zaloUpdate(zl('zloop-1', 'vòng lặp thử nghiệm'))).json.outcome).toBe('duplicate');
  });
});

describe('entry ids stay short enough for every payload', () => {
  it('the console refuses an id over 40 characters, so no button can outgrow 64 bytes', async () => {
    await addStaff(s.service.app, 'admin-id', 'admin');
    await s.post('/api/chat', { user: 'long-id', text: 'người nuôi ong trên núi Phja Bjoóc đóng bảo hiểm thế nào' });
    const staff = await signIn(s.url, 'admin-id', 'admin-id-password-123');
    const ids = groupIds((await staff.get('/admin/questions')).html, 'nuôi ong');
    const entry = {
      ids,
      id: 'nguoi-nuoi-ong-tren-nui-phja-bjooc-dong-bao-hiem-xa-hoi-tu-nguyen-the-nao',
      topic: 'voluntary',
      audiences: ['informal'],
      questions: 'Người nuôi ong có đóng BHXH tự nguyện được không?\nNuôi ong trên núi có tham gia bảo hiểm được không?',
      answer: 'Người nuôi ong là lao động tự do, tham gia được BHXH tự nguyện từ đủ 15 tuổi.',
      legal_basis: 'Luật BHXH số 41/2024/QH15, Điều 2 khoản 4',
      source_url: 'https://baohiemxahoi.gov.vn',
    };
    const refused = await staff.post('/admin/questions/new', entry);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('at most 40 characters');
    expect((await staff.post('/admin/questions/new', { ...entry, id: 'staff-nuoi-ong' })).status).toBe(303);
    const answered = await s.telegramUpdate(tg(880002, 'Người nuôi ong có đóng BHXH tự nguyện được không?', 5252));
    expect(answered.status).toBe(200);
    await waitFor(() => s.telegram.messages().some((m) => String(m.body.text).includes('Người nuôi ong là lao động tự do')));
  });
});
