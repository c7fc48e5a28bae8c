import { afterEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/admin/report-csv.js';
import { addStaff, signIn } from '../helpers/staff.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function traffic(server: TestServer) {
  await server.chat({ user: 'a', text: 'xin chào' });
  await server.chat({ user: 'a', text: 'bhxh tu nguyen la gi' });
  await server.chat({ user: 'b', text: 'Đóng BHXH tự nguyện bao nhiêu một tháng?' });
  await server.chat({ user: 'c', text: 'giá vàng hôm nay' });
  await server.chat({ user: 'd', text: 'tính tiền đóng' });
  await server.chat({ user: 'd', text: '5 triệu' });
}

describe('dashboard and report', () => {
  it('draws its charts from the anonymous counters, for the chosen period', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'reviewer');
    await traffic(s);
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const { html, status } = await staff.get('/admin/dashboard');
    expect(status).toBe(200);
    expect(html.match(/<svg class="chart"/g)!.length).toBeGreaterThanOrEqual(6);
    expect(html).toMatch(/<rect [^>]*><title>\d{4}-\d\d-\d\d · Trang web: 4<\/title>/);
    expect(html).toContain('Tỷ lệ chưa trả lời được');
    expect(html).toContain('BHXH tự nguyện');
    expect(html).toMatch(/<dt>Lượt trò chuyện<\/dt><dd>4<\/dd>/);
    const empty = await staff.get('/admin/dashboard?from=2020-01-01&to=2020-01-31');
    expect(empty.html).toMatch(/<dt>Lượt trò chuyện<\/dt><dd>0<\/dd>/);
    expect(empty.html).toContain('value="2020-01-01"');
    for (const bad of ['from=2020-13-45&to=x', 'from=2026-12-01&to=2020-01-01', 'from=<script>&to=1']) {
      const r = await staff.get(`/admin/dashboard?${bad}`);
      expect(r.status).toBe(200);
      expect(r.html).not.toContain('<script>');
    }
  });

  it('shows replies the platforms never took (dead letters) with their reason, and nothing when there are none', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'reviewer');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    expect((await staff.get('/admin/dashboard')).html).not.toContain('id="dead-letters"');
    s.app.handleUpdate('telegram', '77', '9001', { text: 'bhxh tu nguyen la gi' }, () => [{ chat: '9001', message: { text: 'a' } }, { chat: '9001', message: { text: 'b' } }]);
    for (const item of s.app.outbox.due('telegram', s.app.clock(), 60_000, 10)) s.app.outbox.dead(item, 'refused: telegram sendMessage failed (403)', s.app.clock());
    const { html } = await staff.get('/admin/dashboard');
    expect(html).toContain('id="dead-letters"');
    expect(html).toContain('2 tin trả lời không gửi được');
    expect(html).toMatch(/<td>Telegram<\/td><td>refused: telegram sendMessage failed \(403\)<\/td><td>2<\/td>/);
    expect(html).not.toContain('9001');
    expect((await staff.get('/admin/report')).html).not.toContain('id="dead-letters"');
  });

  it('exports the period as CSV with formula-looking cells neutralised, and as a printable page', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'reviewer');
    const added = s.app.knowledge.addEntry(
      {
        id: 'staff-formula',
        topic: 'basics',
        audiences: ['all'],
        questions: ['=HYPERLINK("http://evil.example","bấm vào") bảo hiểm nuôi ong', 'bảo hiểm cho người nuôi ong mật'],
        answer: 'Người nuôi ong là lao động tự do, tham gia được BHXH tự nguyện. Căn cứ: Luật BHXH số 41/2024/QH15.',
        legal_basis: 'Luật BHXH số 41/2024/QH15',
        source_url: 'https://baohiemxahoi.gov.vn',
        reviewed: '2026-11-25',
      },
      'lan',
      s.app.clock(),
    );
    expect(added.ok).toBe(true);
    await traffic(s);
    await s.chat({ user: 'e', text: 'bảo hiểm cho người nuôi ong mật' });
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const csv = await staff.get('/admin/report.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="bhxh-bot-report-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"/);
    const lines = csv.html.replace(/^\uFEFF/, '').split('\r\n');
    // Laid out for a clerk: Vietnamese headers, dd/mm/yyyy, one row a day with a column per figure.
    expect(lines[0]).toMatch(/^Báo cáo Trợ lý BHXH,từ \d\d\/\d\d\/\d{4} đến \d\d\/\d\d\/\d{4}$/);
    expect(lines).toContain('Lượt trò chuyện,5');
    const header = lines.indexOf('Ngày,Trang web,Telegram,Zalo,Tổng lượt trò chuyện,Trả lời được,Hỏi lại,Chưa trả lời được,Hướng dẫn từng bước,"Lệnh, menu",Tỷ lệ chưa trả lời được (%)');
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 1, header + 31).filter((l) => /^\d\d\/\d\d\/\d{4},/.test(l))).toHaveLength(30);
    expect(lines).toContainEqual(expect.stringMatching(/^01\/12\/2026,5,0,0,5,\d+,\d+,\d+,\d+,\d+,\d+\.\d$/));
    // Flow steps by what they ask, not by their ids.
    expect(lines.some((l) => l.startsWith('Tính tiền đóng BHXH tự nguyện: Bạn thuộc nhóm nào?'))).toBe(true);
    expect(lines.some((l) => /: group,/.test(l))).toBe(false);
    const formula = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào"") bảo hiểm nuôi ong"`);
    expect(lines.every((l) => !/(^|,)[=+\-@]/.test(l))).toBe(true);

    const print = await staff.get('/admin/report');
    expect(print.html).toContain('Báo cáo kết quả Trợ lý BHXH');
    expect(print.html).toContain('data-print');
  });

  it('escapes every formula prefix in a CSV cell', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+84 912')).toBe("'+84 912");
    expect(csvCell('-3')).toBe("'-3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-3)).toBe('-3');
    // After the separators a spreadsheet may split on (';' in Vietnamese Excel), and quoted so it is not split.
    expect(csvCell('bảo hiểm;=HYPERLINK("http://evil.example")')).toBe(`"bảo hiểm;'=HYPERLINK(""http://evil.example"")"`);
    expect(csvCell('a; +1')).toBe(`"a; '+1"`);
    expect(csvCell('x,@SUM(A1)')).toBe(`"x,'@SUM(A1)"`);
    expect(csvCell('a,b "c"')).toBe('"a,b ""c"""');
  });
});
