import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/privacy/redact.js';
import { createUserKeyer } from '../../src/privacy/user-key.js';

describe('redaction', () => {
  it.each([
    ['gọi tôi 0912345678 nhé', 'gọi tôi [SĐT] nhé'],
    ['sdt 0912 345 678', 'sdt [SĐT]'],
    ['sđt 0912.345.678', 'sđt [SĐT]'],
    ['số 091-234-5678', 'số [SĐT]'],
    ['+84 912 345 678', '[SĐT]'],
    ['+84912345678', '[SĐT]'],
    ['84912345678', '[SĐT]'],
    ['cố định 0209 3871 152', 'cố định [SĐT]'],
    ['cccd 001234567890', 'cccd [CCCD]'],
    ['cccd 001 234 567 890', 'cccd [CCCD]'],
    ['mã bhxh 0123456789', 'mã bhxh [mã BHXH]'],
    ['mã số 2212345678', 'mã số [mã BHXH]'],
    ['email nguyen.van.a@gmail.com ạ', 'email [email] ạ'],
    ['stk 19036812345019', 'stk [STK]'],
    ['STK: 0123 4567 89', 'STK: [STK]'],
    ['số tài khoản là 12345678 ở Agribank', 'số tài khoản là [STK] ở Agribank'],
    ['tk ngân hàng vietcombank 0071000123456', 'tk ngân hàng vietcombank [STK]'],
    ['account no. 8800112233', 'account no. [STK]'],
    ['(+84) 912-345-678', '[SĐT]'],
    ['0912 - 345 - 678', '[SĐT]'],
    ['0912/345/678', '[SĐT]'],
    ['０９１２３４５６７８', '[SĐT]'],
    ['sdt 84 912 345 678', 'sdt [SĐT]'],
  ])('%s', (input, expected) => {
    expect(redact(input).text).toBe(expected);
  });

  it('keeps money, years and short numbers', () => {
    for (const s of ['đóng 1.500.000 đồng', 'mức 330.000đ', '50.600.000 đ từ 1/7/2026', '150.000.000 đồng', 'năm 2026 đóng 15 năm', '22%', 'tk 2 năm', 'tài khoản VssID', 'đóng 5 - 10 năm', 'ngày 1/7/2025']) {
      expect(redact(s).text).toBe(s);
    }
  });

  it('reports what it removed', () => {
    expect(redact('0912345678 và 001234567890').kinds.sort()).toEqual(['cccd', 'phone']);
  });

  it('leaves no run of 9+ digits and no e-mail, whatever the input (property)', () => {
    const digitish = fc.string({ unit: fc.constantFrom(...'0123456789 .-+@abc/()'.split(''), '０', '９'), maxLength: 80 });
    fc.assert(
      fc.property(digitish, (s) => {
        const out = redact(s).text;
        expect(out.normalize('NFKC').replace(/[ .\-/]/g, '')).not.toMatch(/\d{9,}/);
      }),
      { seed: 20261125, numRuns: 3000 },
    );
  });

  it('is linear on hostile input (ReDoS guard)', () => {
    const start = performance.now();
    redact('0'.repeat(50_000));
    redact('1.'.repeat(10_000));
    redact('a'.repeat(50_000) + '@');
    redact(`${'a.'.repeat(20_000)}@b`);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('user keys', () => {
  it('are stable, opaque and differ per channel', () => {
    const key = createUserKeyer('0123456789abcdef0123456789abcdef');
    expect(key('web', 'u1')).toBe(key('web', 'u1'));
    expect(key('web', 'u1')).not.toBe(key('telegram', 'u1'));
    expect(key('web', 'u1')).not.toContain('u1');
    expect(key('web', 'u1')).toHaveLength(32);
  });
  it('differ with the secret', () => {
    const a = createUserKeyer('a'.repeat(32));
    const b = createUserKeyer('b'.repeat(32));
    expect(a('web', 'u1')).not.toBe(b('web', 'u1'));
  });
});
