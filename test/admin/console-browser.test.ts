import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../helpers/browser.js';
import { addStaff } from '../helpers/staff.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const executable = chromiumPath();
const FISH = 'Đóng bhxh cho người nuôi cá lồng trên hồ Ba Bể thế nào';

describe.skipIf(!executable)('staff console in headless Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  const outside: string[] = [];

  beforeAll(async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'admin', 'mat-khau-rat-dai');
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  async function signedIn(viewport = { width: 1200, height: 900 }, name = 'lan', password = 'mat-khau-rat-dai'): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('request', (r) => {
      if (!r.url().startsWith(s.url) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${s.url}/admin`);
    await page.getByLabel('Tên đăng nhập').fill(name);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Câu hỏi chưa trả lời' }).waitFor();
    return page;
  }

  it('turns a question asked a moment ago into a new answer that the bot gives at once', async () => {
    const before = await s.chat({ user: 'citizen-1', text: FISH });
    expect(before.json.intent.kind).toBe('fallback');
    await s.chat({ user: 'citizen-2', text: 'dong bhxh cho nguoi nuoi ca long tren ho ba be the nao' });

    const page = await signedIn();
    const group = page.locator('section.group', { hasText: 'nuôi cá lồng' });
    await expect.poll(() => group.locator('.meta').innerText()).toContain('2 lần hỏi');
    await group.getByRole('link', { name: 'Viết câu trả lời mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Viết câu trả lời mới' }).waitFor();
    expect(await page.getByLabel('Các cách hỏi (mỗi dòng một câu, ít nhất 2)').inputValue()).toContain(FISH);
    await page.getByLabel('Các cách hỏi (mỗi dòng một câu, ít nhất 2)').fill(`${FISH}\nNgười nuôi cá lồng có được đóng BHXH tự nguyện không?`);
    await page.getByLabel('Câu trả lời', { exact: true }).fill('Người nuôi cá lồng là lao động tự do nên tham gia được BHXH tự nguyện, từ đủ 15 tuổi. Căn cứ: Luật BHXH số 41/2024/QH15.');
    await page.getByLabel('Chủ đề').selectOption('voluntary');
    await page.getByLabel('Lao động tự do, nông dân').check();
    await page.getByLabel('Căn cứ pháp lý').fill('Luật BHXH số 41/2024/QH15, Điều 2 khoản 4');
    await page.getByLabel('Nguồn (đường dẫn chính thức)').fill('https://baohiemxahoi.gov.vn');
    await page.getByLabel('Mã câu trả lời').fill('staff-fish-cage-farmers');
    await page.getByRole('button', { name: 'Lưu và áp dụng ngay' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu câu trả lời mới' }).waitFor();
    expect(await page.locator('section.group').count()).toBe(0);

    const after = await s.chat({ user: 'citizen-3', text: FISH });
    expect(after.json.intent).toMatchObject({ kind: 'faq', id: 'staff-fish-cage-farmers' });
    expect(after.json.replies.map((r: { text: string }) => r.text).join('\n')).toContain('Người nuôi cá lồng là lao động tự do');
    await page.getByRole('link', { name: 'Thay đổi và duyệt' }).click();
    await page.getByText('staff-fish-cage-farmers').first().waitFor();
    expect(outside).toEqual([]);
    await page.close();
  });

  it('a citizen presses "Chưa đúng"; a reviewer edits that answer, an admin approves, and the bot gives the new text', async () => {
    await addStaff(s.app, 'minh', 'reviewer', 'mat-khau-cua-minh');
    const chat = await browser.newPage();
    await chat.goto(`${s.url}/`);
    await chat.getByLabel('Câu hỏi của bạn').fill('Tôi đóng tự nguyện được 7 tháng thì sinh con có được 2 triệu không?');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.bot .feedback').last().getByRole('button', { name: 'Chưa đúng' }).click();
    await chat.locator('.msg.bot', { hasText: 'xem lại câu trả lời' }).waitFor();

    const reviewer = await signedIn({ width: 1200, height: 900 }, 'minh', 'mat-khau-cua-minh');
    await reviewer.getByRole('link', { name: /Người dân báo chưa đúng \(1\)/ }).click();
    const group = reviewer.locator('section.group', { hasText: 'sinh con có được 2 triệu' });
    await group.getByRole('link', { name: 'Chồng đóng BHXH tự nguyện' }).click();
    await reviewer.getByRole('heading', { level: 2, name: 'Sửa câu trả lời' }).waitFor();
    const answer = reviewer.getByLabel('Câu trả lời', { exact: true });
    await answer.fill(`${await answer.inputValue()}\n\nNếu người sinh con là bạn (người mẹ), xem mục trợ cấp thai sản 2 triệu đồng của BHXH tự nguyện.`);
    await reviewer.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await reviewer.getByRole('status').filter({ hasText: 'Đã gửi đề xuất' }).waitFor();
    const before = await s.chat({ user: 'citizen-9', text: 'Tôi đóng tự nguyện được 7 tháng thì sinh con có được 2 triệu không?' });
    expect(JSON.stringify(before.json)).not.toContain('Nếu người sinh con là bạn');

    const adminPage = await signedIn();
    await adminPage.getByRole('link', { name: 'Thay đổi và duyệt' }).click();
    const proposal = adminPage.locator('section.proposal', { hasText: 'vol-maternity-father' });
    await proposal.getByLabel('Ghi chú').fill('Đã kiểm tra');
    await proposal.getByRole('button', { name: 'Duyệt' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Đã duyệt' }).waitFor();
    const after = await s.chat({ user: 'citizen-10', text: 'Tôi đóng tự nguyện được 7 tháng thì sinh con có được 2 triệu không?' });
    expect(JSON.stringify(after.json)).toContain('Nếu người sinh con là bạn');
    for (const p of [chat, reviewer, adminPage]) await p.close();
  });

  it('renders the dashboard charts with data, on a laptop and on a phone', async () => {
    await s.chat({ user: 'citizen-4', text: 'bhxh tu nguyen la gi' });
    await s.chat({ user: 'citizen-5', text: 'tính tiền đóng' });
    await s.chat({ user: 'citizen-5', text: '4 triệu' });
    for (const viewport of [{ width: 1200, height: 900 }, { width: 390, height: 800 }]) {
      const page = await signedIn(viewport);
      await page.getByRole('link', { name: 'Thống kê' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thống kê' }).waitFor();
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(5);
      const perDay = page.getByRole('img', { name: 'Lượt trò chuyện mỗi ngày theo kênh' });
      const box = await perDay.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(60);
      expect(await page.locator('.kpis dd').first().innerText()).not.toBe('0');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/dashboard-${viewport.width}.png`, fullPage: true });
      await page.close();
    }
    expect(outside).toEqual([]);
  });
});
