import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/channels/console/console-chat.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('terminal chat', () => {
  it('greets, answers a typed question, and presses a numbered option', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString('utf8')));
    const done = runConsoleChat({ handle: s.app.handle, t: s.app.i18n.t, input, output, platformId: 'tester' });
    const waitFor = async (needle: string) => {
      for (let i = 0; i < 100 && !printed.includes(needle); i++) await new Promise((r) => setTimeout(r, 20));
      expect(printed).toContain(needle);
    };
    await waitFor('Trả lời số');
    expect(printed).toContain('1. BHXH tự nguyện');
    expect(printed).toContain('3. Lương hưu');
    input.write('3\n');
    await waitFor('Câu hỏi thường gặp về Lương hưu');
    input.write('tuoi nghi huu nam 2026\n');
    await waitFor('nam 61 tuổi 6 tháng');
    input.write('menu chinh\n');
    await waitFor('Chủ đề khác');
    input.end();
    await done;
  });
});
