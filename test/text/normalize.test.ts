import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/text/fold.js';
import { decodeTelex, decodeVni } from '../../src/text/input-method.js';
import { canonicalText, foldedText, normalizeText } from '../../src/text/normalize.js';
import { canonicalSyllable, isValidSyllable, splitTone } from '../../src/text/syllable.js';

const SEED = 20261125;

describe('folding', () => {
  it('strips tones and quality marks and maps đ/Đ to d/D', () => {
    expect(fold('Đóng bảo hiểm xã hội tự nguyện')).toBe('Dong bao hiem xa hoi tu nguyen');
    expect(fold('đường Ưu Đãi')).toBe('duong Uu Dai');
  });
});

describe('each input form reaches the same folded text', () => {
  const target = 'dong bao hiem xa hoi tu nguyen bao nhieu mot thang';
  it.each([
    ['proper', 'Đóng bảo hiểm xã hội tự nguyện bao nhiêu một tháng?'],
    ['no diacritics', 'dong bao hiem xa hoi tu nguyen bao nhieu mot thang'],
    ['upper case and punctuation', 'ĐÓNG   BẢO HIỂM XÃ HỘI, TỰ NGUYỆN... BAO NHIÊU MỘT THÁNG???'],
    ['abbreviations and teencode', 'dong bhxh tn bn 1 thang'],
    ['an abbreviation typed with a slip', 'dong bhhx tn bn 1 thang'],
    ['Telex', 'ddongs baor hieemr xax hooij tuwj nguyeenj bao nhieeu mootj thangs'],
    ['VNI', 'd9o1ng ba3o hie63m xa4 ho65i tu75 nguye65n bao nhie6u mo65t tha1ng'],
    ['wrong tones', 'đóng bảo hiễm xả hội tự nguyên bao nhiêu một tháng'],
    ['decomposed NFD', 'Đóng bảo hiểm xã hội tự nguyện bao nhiêu một tháng'.normalize('NFD')],
    ['full-width', 'ｄｏｎｇ bao hiem xa hoi tu nguyen bao nhieu １ thang'],
  ])('%s', (_form, input) => {
    expect(foldedText(input)).toBe(target);
  });
});

describe('tone placement', () => {
  it('old and new placements become one canonical form', () => {
    expect(canonicalText('hoà')).toBe(canonicalText('hòa'));
    expect(canonicalText('thuý')).toBe(canonicalText('thúy'));
    expect(canonicalText('Hoà Bình')).toBe('hòa bình');
    expect(canonicalSyllable('người')).toBe('người');
    expect(canonicalSyllable('quốc')).toBe('quốc');
    expect(canonicalSyllable('giữa')).toBe('giữa');
  });
  it('splits tone from base', () => {
    expect(splitTone('hiểm')).toEqual({ base: 'hiêm', tone: 3 });
  });
  it('knows real syllables from impossible ones', () => {
    expect(isValidSyllable('nghiêng', 0)).toBe(true);
    expect(isValidSyllable('khuya', 0)).toBe(true);
    expect(isValidSyllable('hoc', 2)).toBe(false); // stop finals take only sắc or nặng
    expect(isValidSyllable('ke', 0)).toBe(true);
    expect(isValidSyllable('ka', 0)).toBe(false);
    expect(isValidSyllable('facebook', 0)).toBe(false);
  });
});

describe('input method off', () => {
  it('decodes Telex, including a tone key before the final and w forms', () => {
    expect(decodeTelex('ddongs')).toBe('đóng');
    expect(decodeTelex('ddoofng')).toBe('đồng');
    expect(decodeTelex('nguwowif')).toBe('người');
    expect(decodeTelex('nguoiwf')).toBe('người');
    expect(decodeTelex('dduwowcj')).toBe('được');
    expect(decodeTelex('tuw')).toBe('tư');
  });
  it('decodes VNI', () => {
    expect(decodeVni('hie63m')).toBe('hiểm');
    expect(decodeVni('d9o1ng')).toBe('đóng');
    expect(decodeVni('ngu7o72i')).toBe('người');
  });
  it('leaves English words, brand names, numbers and money alone', () => {
    expect(canonicalText('facebook zalo vssid online email google')).toBe('facebook zalo vssid online email google');
    expect(canonicalText('500k 1tr5 2026')).toBe('500k 1tr5 2026');
    expect(canonicalText('xoong')).toBe('xoong');
  });
  it('keeps "khoong" as không, not a loan word', () => {
    expect(canonicalText('khoong')).toBe('không');
  });
});

describe('abbreviations resolved by context', () => {
  it.each([
    ['bhxh tn', 'bảo hiểm xã hội tự nguyện'],
    ['bh tn', 'bảo hiểm thất nghiệp'],
    ['bhtn', 'bảo hiểm thất nghiệp'],
    ['tro cap tn', 'tro cap thất nghiệp'],
    ['ko dc', 'không được'],
    ['500 k', '500 nghìn'],
    ['ntn', 'như thế nào'],
    ['dk huong luong huu', 'điều kiện huong luong huu'],
    ['dk bhxh o dau', 'đăng ký bảo hiểm xã hội o dau'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalText(input)).toBe(expected);
  });
});

describe('hostile and odd input', () => {
  it('drops invisible characters, bidi overrides, NUL and lone surrogates without gluing words', () => {
    expect(canonicalText('\uFEFFbảo\u202Ehiểm\u0000xã\u200Bhội \ud800')).toBe('bảo hiểm xã hội');
  });
  it('handles empty and punctuation-only input', () => {
    expect(normalizeText('').tokens).toEqual([]);
    expect(normalizeText('?!... 😀').tokens).toEqual([]);
  });
  it('reports whether the user typed accents', () => {
    expect(normalizeText('bảo hiểm').accented).toBe(true);
    expect(normalizeText('bao hiem').accented).toBe(false);
    expect(normalizeText('baor hieemr').accented).toBe(true);
  });
});

describe('properties', () => {
  const vietnameseish = fc.string({
    unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ 0123456789.,?!wfsrxjz'.split('')),
    maxLength: 80,
  });
  it('never throws, on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => void normalizeText(s)), { seed: SEED, numRuns: 2000 });
  });
  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseish, fc.string({ unit: 'grapheme', maxLength: 60 })), (s) => {
        const once = canonicalText(s);
        expect(canonicalText(once)).toBe(once);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('folded output has no diacritics', () => {
    fc.assert(
      fc.property(vietnameseish, (s) => {
        const f = foldedText(s);
        expect(f).toBe(fold(f));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
  it('handles 100 kB of text quickly', () => {
    const chunk = 'Cho em hỏi đóng bhxh tn bn 1 thang vay ạ, sdt 0912345678 ddongs baor hieemr? ';
    const big = chunk.repeat(Math.ceil(100_000 / chunk.length));
    const start = performance.now();
    const n = normalizeText(big);
    const ms = performance.now() - start;
    expect(n.tokens.length).toBeGreaterThan(10_000);
    expect(ms).toBeLessThan(2000); // generous: a correctness guard against quadratic blow-ups, not a benchmark
  });
});
