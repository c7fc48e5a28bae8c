import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAge, parseBirthYear, parseMoney, parseMonth, parseYears, parseYesNo } from '../../src/text/parse-input.js';

describe('money as people write it', () => {
  it.each([
    ['1.500.000', 1_500_000],
    ['1.500.000đ', 1_500_000],
    ['1500000', 1_500_000],
    ['1,5 triệu', 1_500_000],
    ['1.5tr', 1_500_000],
    ['1tr5', 1_500_000],
    ['1tr', 1_000_000],
    ['2 triệu rưỡi', 2_500_000],
    ['2 trieu ruoi', 2_500_000],
    ['500k', 500_000],
    ['500 nghìn', 500_000],
    ['500 ngàn', 500_000],
    ['3 củ', 3_000_000],
    ['1 triệu 500', 1_500_000],
    ['1 triệu 500 nghìn', 1_500_000],
    ['hai triệu', 2_000_000],
    ['khoảng 5 triệu một tháng', 5_000_000],
    ['50.600.000 đồng', 50_600_000],
    ['10 tr', 10_000_000],
    ['tầm 5 triệu', 5_000_000],
    ['tám triệu', 8_000_000],
    ['5 triệu đồng', 5_000_000],
    // English, as foreign workers and HR staff write it
    ['3.5 million', 3_500_000],
    ['3,500,000 VND', 3_500_000],
    ['3.5m', 3_500_000],
    ['35 million dong', 35_000_000],
    ['about 4 million a month', 4_000_000],
    ['500 thousand', 500_000],
  ])('%s → %d', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });
  it.each(['', 'không biết', 'abc', 'nhiều lắm', '0', 'million', 'a lot'])('%s is not money', (input) => {
    expect(parseMoney(input)).toBeNull();
  });
  it('never throws and is fast on hostile input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void parseMoney(s)), { seed: 20261125, numRuns: 3000 });
    const t = performance.now();
    parseMoney('1.'.repeat(10_000));
    parseMoney('0'.repeat(50_000));
    expect(performance.now() - t).toBeLessThan(500);
  });
});

describe('ages, birth years and years of contributions', () => {
  it('reads ages', () => {
    expect(parseAge('45', 2026)).toBe(45);
    expect(parseAge('45 tuổi', 2026)).toBe(45);
    expect(parseAge('tôi 45 tuổi', 2026)).toBe(45);
    expect(parseAge('sinh năm 1980', 2026)).toBe(46);
    expect(parseAge('200', 2026)).toBeNull();
    expect(parseAge('già rồi', 2026)).toBeNull();
  });
  it('reads birth years', () => {
    expect(parseBirthYear('1966', 2026)).toBe(1966);
    expect(parseBirthYear('sinh năm 1966', 2026)).toBe(1966);
    expect(parseBirthYear('66', 2026)).toBe(1966);
    expect(parseBirthYear('2030', 2026)).toBeNull();
  });
  it('reads years with months', () => {
    expect(parseYears('10')).toBe(10);
    expect(parseYears('10 năm')).toBe(10);
    expect(parseYears('10 năm 6 tháng')).toBe(10.5);
    expect(parseYears('6 tháng')).toBe(0.5);
    expect(parseYears('mười năm')).toBe(10);
    expect(parseYears('nhiều năm lắm')).toBeNull();
    // in English
    expect(parseYears('20 years')).toBe(20);
    expect(parseYears('10 years and 6 months')).toBe(10.5);
    expect(parseYears('15 yrs')).toBe(15);
    expect(parseYears('many years')).toBeNull();
    expect(parseAge('45 years old', 2026)).toBe(45);
    expect(parseAge("I'm 45", 2026)).toBe(45);
    expect(parseMonth('born in October')).toBe(10);
    expect(parseMonth('May')).toBe(5);
  });
  it('reads yes and no', () => {
    for (const y of ['có', 'Có ạ', 'vâng', 'rồi', 'ok', 'yes']) expect(parseYesNo(y)).toBe(true);
    for (const n of ['không', 'ko', 'k', 'chưa', 'no', 'không ạ']) expect(parseYesNo(n)).toBe(false);
    expect(parseYesNo('có lẽ')).toBeNull();
  });
});
