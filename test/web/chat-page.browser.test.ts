import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web chat page in headless Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  const outside: string[] = [];

  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  async function open(path = '/', viewport = { width: 1024, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('request', (r) => {
      if (!r.url().startsWith(s.url) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${s.url}${path}`);
    await page.locator('.msg.bot').first().waitFor();
    return page;
  }

  it('greets in Vietnamese, answers a question typed without diacritics, and follows a button', async () => {
    const page = await open();
    expect(await page.title()).toContain('Trợ lý BHXH');
    await expect.poll(() => page.locator('.msg.bot').first().innerText()).toContain('chatbot');

    await page.getByLabel('Câu hỏi của bạn').fill('bhxh tu nguyen la gi');
    await page.keyboard.press('Enter');
    const answer = page.locator('.msg.bot', { hasText: 'tự chọn mức thu nhập' });
    await answer.waitFor();
    expect(await answer.locator('strong').first().innerText()).toBe('tự chọn mức thu nhập và phương thức đóng');

    await page.locator('.msg.bot').last().getByRole('button', { name: 'Menu chính' }).click();
    await page.locator('.msg.bot').last().getByRole('button', { name: 'Lương hưu' }).click();
    await page.locator('.msg.bot', { hasText: 'Câu hỏi thường gặp về Lương hưu' }).waitFor();
    await page.screenshot({ path: '/tmp/bhxh-web-chat.png' });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows "Đúng ý tôi" / "Chưa đúng" small under an answer; "Chưa đúng" thanks and sends the question to staff', async () => {
    const page = await open();
    await page.getByLabel('Câu hỏi của bạn').fill('Tôi đóng tự nguyện được 7 tháng thì sinh con có được 2 triệu không?');
    await page.keyboard.press('Enter');
    const answer = page.locator('.msg.bot').last();
    await answer.locator('.feedback').waitFor();
    expect(await answer.locator('.feedback button').allInnerTexts()).toEqual(['Đúng ý tôi', 'Chưa đúng']);
    expect(await answer.locator('.buttons button', { hasText: 'Chưa đúng' }).count()).toBe(0);
    const before = s.app.unanswered.countByKind('new').misroute;
    await answer.getByRole('button', { name: 'Chưa đúng' }).click();
    await page.locator('.msg.bot', { hasText: 'xem lại câu trả lời' }).waitFor();
    expect(await answer.locator('.feedback').count()).toBe(0); // pressed once, the pair goes away
    expect(s.app.unanswered.countByKind('new').misroute).toBe(before + 1);
    await page.close();
  });

  it('shows a staff reply to a question left for staff when the page is opened again, with "Trả lời cán bộ"', async () => {
    const page = await open();
    await page.getByLabel('Câu hỏi của bạn').fill('gặp cán bộ');
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot', { hasText: 'câu hỏi muốn gửi cho cán bộ' }).waitFor();
    await page.getByLabel('Câu hỏi của bạn').fill('công ty cũ chưa chốt sổ cho tôi');
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot').last().getByRole('button', { name: 'Không, cảm ơn' }).click();
    await page.locator('.msg.bot', { hasText: 'Đã chuyển câu hỏi' }).waitFor();
    const request = s.app.staffQueue.list('new').find((r) => r.question.includes('chưa chốt sổ'))!;
    expect(s.app.staffReplies.reply(request.id, 'lan', 'Bạn đề nghị công ty chốt sổ bằng văn bản.')).toEqual({ ok: true, via: 'web' });
    await page.reload();
    const reply = page.locator('.msg.bot.staff', { hasText: 'Bạn đề nghị công ty chốt sổ' });
    await reply.waitFor();
    expect(await reply.getByRole('button', { name: 'Trả lời cán bộ' }).count()).toBe(1);
    const polled = page.waitForResponse((r) => r.url().endsWith('/api/chat/inbox'));
    await page.reload();
    expect((await (await polled).json()).replies).toEqual([]); // shown once
    expect(await page.locator('.msg.bot.staff').count()).toBe(0);
    await page.close();
  });

  it('shows a question containing HTML as text, never as markup', async () => {
    const page = await open();
    await page.getByLabel('Câu hỏi của bạn').fill('<img src=x onerror="window.__xss=1"><b>đậm</b>');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.locator('.msg.user', { hasText: '<img src=x' }).waitFor();
    await page.locator('.msg.bot').nth(1).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.msg.user b').count()).toBe(0);
    await page.close();
  });

  it('shows an https link by its domain, and a link hiding its host behind a user name only as text', async () => {
    const page = await open();
    // The renderer is what is tested: the answer is shaped here, as the knowledge schema refuses such links.
    await page.route('**/api/chat', (route) =>
      route.fulfill({ json: { replies: [{ text: 'Xem https://baohiemxahoi.gov.vn@evil.example/dang-ky hoặc https://baohiemxahoi.gov.vn/tra-cuu?x=1' }], intent: { kind: 'faq' } } }),
    );
    await page.getByLabel('Câu hỏi của bạn').fill('tra cứu ở đâu');
    await page.keyboard.press('Enter');
    const reply = page.locator('.msg.bot', { hasText: 'evil.example' });
    await reply.waitFor();
    const links = await reply.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href]));
    expect(links).toEqual([['baohiemxahoi.gov.vn', 'https://baohiemxahoi.gov.vn/tra-cuu?x=1']]);
    expect(await reply.innerText()).toContain('https://baohiemxahoi.gov.vn@evil.example/dang-ky');
    await page.close();
  });

  it('fits a phone screen and offers English', async () => {
    const page = await open('/?lang=en', { width: 360, height: 640 });
    await expect.poll(() => page.locator('.msg.bot').first().innerText()).toContain('BHXH Assistant');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByLabel('Your question').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/bhxh-web-chat-phone.png' });
    await page.close();
  });
});

describe.skipIf(!executable)('a whole flow in the web chat, by clicking buttons', () => {
  let s: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await startTestServer();
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('computes a voluntary contribution from the menu: group, income, schedule', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(s.url);
    const lastBot = () => page.locator('.msg.bot').last();
    await lastBot().getByRole('button', { name: 'Tính tiền đóng BHXH tự nguyện' }).click();
    await lastBot().getByRole('button', { name: 'Hộ cận nghèo' }).click();
    await page.locator('.msg.bot', { hasText: 'Thấp nhất 1.500.000 đ' }).waitFor();
    await page.getByLabel('Câu hỏi của bạn').fill('2tr');
    await page.keyboard.press('Enter');
    await lastBot().getByRole('button', { name: '3 tháng một lần' }).click();
    const result = page.locator('.msg.bot', { hasText: 'Kết quả tính cho bạn' });
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('Mức đóng 22%: 440.000 đ');
    expect(text).toContain('Bạn tự đóng: 308.000 đ/tháng, tức 924.000 đ mỗi kỳ 3 tháng');
    await page.screenshot({ path: '/tmp/bhxh-web-flow.png' });
    await page.close();
  });
});
