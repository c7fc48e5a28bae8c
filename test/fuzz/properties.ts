/**
 * Fuzz properties (fast-check) for the parts that read what strangers type: the normaliser, the money parser,
 * the redactor and the flow engine (through the router and a real SQLite file). The same properties run
 * briefly in `npm test` (fuzz.test.ts) and at length in `npm run fuzz` (run-long.ts), always from a fixed,
 * printed seed, so that any failure can be replayed.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { BotResponse } from '../../src/core/types.js';
import { redact } from '../../src/privacy/redact.js';
import { fold } from '../../src/text/fold.js';
import { canonicalText, foldedText, normalizeText } from '../../src/text/normalize.js';
import { parseMoney } from '../../src/text/parse-input.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

export const DEFAULT_SEED = 20261201;

export interface FuzzProperty {
  name: string;
  /** Cases per second is far lower for the flow engine: the long run gives it fewer cases per minute. */
  run(numRuns: number, seed: number): void;
  close?(): void;
}

const vietnameseish = fc.string({
  unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ 0123456789.,?!wfsrxjz'.split('')),
  maxLength: 80,
});
/** Anything a phone keyboard, a paste or a broken client can send: controls, surrogates, RTL, full-width. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ufeff', '\u202e', '\u200b', '\ud800', '\udc00', '０', '９', 'a\u0301', '́', '.', '0', '1', ' '), maxLength: 200 }),
  vietnameseish,
);

function assertProperty<T>(arb: fc.Arbitrary<T>, check: (v: T) => void, numRuns: number, seed: number): void {
  fc.assert(fc.property(arb, check), { numRuns, seed });
}

const fail = (message: string): never => {
  throw new Error(message);
};

// --- Normaliser -------------------------------------------------------------------------------------------

const normaliser: FuzzProperty = {
  name: 'normaliser: never throws, idempotent, folded has no diacritics',
  run: (numRuns, seed) =>
    assertProperty(
      hostile,
      (s) => {
        const n = normalizeText(s);
        if (n.tokens.length !== n.folded.length) fail('tokens and folded differ in length');
        const once = canonicalText(s);
        if (canonicalText(once) !== once) fail(`not idempotent: ${JSON.stringify(s)}`);
        const f = foldedText(s);
        if (fold(f) !== f) fail(`folded output keeps diacritics: ${JSON.stringify(s)}`);
      },
      numRuns,
      seed,
    ),
};

// --- Money parser -----------------------------------------------------------------------------------------

/** An amount and the ways people write it. */
const writtenAmount = fc.integer({ min: 1, max: 99_999 }).chain((thousands) => {
  const n = thousands * 1000;
  const grouped = n.toLocaleString('de-DE'); // 1.500.000
  const forms = [grouped, `${grouped}đ`, `${grouped} đồng`, `${thousands}k`, `${thousands} nghìn`, `${n}`];
  if (n % 1_000_000 === 0) forms.push(`${n / 1_000_000} triệu`, `${n / 1_000_000}tr`, `${n / 1_000_000} củ`);
  if (n % 100_000 === 0 && n > 1_000_000) forms.push(`${String(n / 1_000_000).replace('.', ',')} triệu`);
  return fc.record({ n: fc.constant(n), text: fc.constantFrom(...forms) });
});

const moneyParser: FuzzProperty = {
  name: 'money parser: never throws, finite or null, reads every way of writing an amount',
  run: (numRuns, seed) => {
    assertProperty(
      hostile,
      (s) => {
        const v = parseMoney(s);
        if (v !== null && !(Number.isFinite(v) && v > 0)) fail(`bad value ${v} for ${JSON.stringify(s)}`);
      },
      numRuns,
      seed,
    );
    assertProperty(
      writtenAmount,
      ({ n, text }) => {
        const v = parseMoney(text);
        if (v !== n) fail(`${JSON.stringify(text)} read as ${v}, expected ${n}`);
      },
      numRuns,
      seed,
    );
  },
};

// --- Redactor ---------------------------------------------------------------------------------------------

const digits = (len: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len, maxLength: len }).map((d) => d.join(''));
const sep = fc.constantFrom(' ', '.', '-', '', ' - ', '/', ',', '    ');
const mobile = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(8), sep, fc.constantFrom('0', '+84 ', '84', '(+84) ', '+84')).map(([p, rest, s, cc]) => ({
  digits: `${p}${rest}`,
  text: `${cc}${p}${rest.slice(0, 2)}${s}${rest.slice(2, 5)}${s}${rest.slice(5)}`,
}));
const cccd = fc.tuple(digits(12), fc.constantFrom(' ', '')).map(([d, s]) => ({ digits: d, text: `${d.slice(0, 3)}${s}${d.slice(3, 6)}${s}${d.slice(6, 9)}${s}${d.slice(9)}` }));
const bhxhCode = digits(10).map((d) => ({ digits: d, text: `mã bhxh ${d}` }));
const bank = fc.tuple(fc.integer({ min: 6, max: 16 }), fc.constantFrom('stk', 'STK:', 'số tài khoản', 'tk', 'so tai khoan la')).chain(([len, word]) => digits(len).map((d) => ({ digits: d, text: `${word} ${d}` })));
const fullWidth = mobile.map((m) => ({ digits: m.digits, text: `0${m.digits}`.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))) }));
const landline = fc.tuple(fc.integer({ min: 0, max: 9 }), digits(8), fc.constantFrom('(', '( ')).map(([a, rest, open]) => ({
  digits: `02${a}${rest}`,
  text: `${open}02${a}) ${rest.slice(0, 4)} ${rest.slice(4)}`,
}));
const afterBank = fc.tuple(fc.integer({ min: 6, max: 14 }), fc.constantFrom('Vietcombank', 'agribank', 'BIDV', 'Techcombank', 'vietinbank:', 'MB Bank')).chain(([len, name]) => digits(len).map((d) => ({ digits: d, text: `${name} ${d}` })));
const personal = fc.oneof(mobile, cccd, bhxhCode, bank, fullWidth, landline, afterBank);
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.constantFrom('gmail.com', 'yahoo.com.vn', 'baohiemxahoi.gov.vn')).map(([u, h, d]) => `${u}@${h}.${d}`);
const around = fc.constantFrom('', 'em là Lan, ', 'sdt: ', 'Cho em hỏi ', 'liên hệ ', '(', '"');
const after = fc.constantFrom('', ' nhé', ' ạ.', ', cảm ơn', ')', '!');

const spelledEmail = fc.tuple(fc.stringMatching(/^[a-z0-9]{2,10}$/), fc.constantFrom(' [at] ', '(at)', ' (at) ', ' at ', ' a còng '), fc.constantFrom('gmail', 'yahoo', 'outlook'), fc.constantFrom(' [dot] ', '(dot)', ' dot ', ' chấm ', '.'), fc.constantFrom('com', 'vn')).map(
  ([u, at, host, dot, tld]) => ({ secret: `zq${u}`, text: `zq${u}${at}${host}${dot}${tld}` }),
);

// Words: names, addresses, dates of birth, plates, written with diacritics, without, or in lower case.
const FAMILY = ['Nguyễn', 'Trần', 'Hoàng', 'Nông', 'Triệu', 'Lục', 'Hà', 'Đàm', 'Lý', 'Phạm'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thu', 'Minh'];
const GIVEN = ['Lan', 'Bình', 'Hùng', 'Mai', 'Tuấn', 'Hương', 'Phúc', 'Duyên'];
const PLACES = ['Nà Cà', 'Bản Cuôn', 'Đồng Lạc', 'Xuất Hóa', 'Chợ Mới', 'Ba Bể', 'Pác Nặm', 'Na Rì', 'Ngân Sơn', 'Bạch Thông', 'Nà Phặc', 'Cao Kỳ'];
const written = fc.constantFrom<(s: string) => string>((s) => s, (s) => fold(s), (s) => fold(s).toLowerCase(), (s) => s.toUpperCase());
const personName = fc.tuple(fc.constantFrom(...FAMILY), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN), fc.constantFrom('tôi tên là ', 'họ tên: ', 'tên em là ', 'em tên ', 'họ và tên: ', 'Tôi tên ', 'my name is '), fc.constantFrom(', sinh năm 1980', '. Cho em hỏi', ' ạ', ', năm nay 40 tuổi', ''), written).map(
  ([f, m, g, marker, rest, w]) => ({ secret: `${f} ${m} ${g}`, text: w(`${marker}${f} ${m} ${g}${rest}`), write: w }),
);
const address = fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...PLACES), fc.constantFrom(...PLACES), fc.constantFrom('nhà ở ', 'địa chỉ: ', 'trú tại ', 'thường trú tại ', 'quê ở ', ''), fc.constantFrom('. Tôi muốn hỏi', ', em hỏi', ' có được không', ''), written).map(
  ([a, b, c, marker, rest, w]) => ({ secret: [a, b, c], text: w(`${marker}thôn ${a}, xã ${b}, huyện ${c}${rest}`), write: w }),
);
const birthDate = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1950, max: 2008 }), fc.constantFrom('/', '-', '.'), fc.constantFrom('sinh ngày ', 'ngày sinh: ', 'ns ', 'sinh ngay ')).map(([d, m, y, s, marker]) => ({
  secret: `${d}${s}${m}${s}${y}`,
  text: `${marker}${d}${s}${m}${s}${y}`,
}));
const plate = fc.tuple(fc.integer({ min: 11, max: 99 }), fc.constantFrom('A', 'B', 'C', 'E', 'F', 'H', 'K', 'LD'), fc.constantFrom('', '1', '2'), digits(3), digits(2), fc.constantFrom('-', ' ', ''), fc.constantFrom('.', '')).map(([p, l, n, a, b, s, dot]) => ({
  secret: `${a}${dot}${b}`,
  text: `${p}${l}${n}${s}${a}${dot}${b}`,
}));

const redactor: FuzzProperty = {
  name: 'redactor: no phone, CCCD, BHXH code, bank account, e-mail, name, address, date of birth or plate survives; idempotent; never throws',
  run: (numRuns, seed) => {
    assertProperty(
      fc.tuple(around, personal, after, fc.option(email), around),
      ([a, p, b, mail, c]) => {
        const input = `${a}${p.text}${b}${mail ? ` ${mail}` : ''} ${c}`;
        const out = redact(input).text;
        if (out.normalize('NFKC').replace(/\D/g, '').includes(p.digits)) fail(`${JSON.stringify(input)} kept its number: ${JSON.stringify(out)}`);
        if (mail && out.includes(mail)) fail(`${JSON.stringify(input)} kept the e-mail`);
        if (redact(out).text !== out) fail(`not idempotent on ${JSON.stringify(input)}`);
      },
      numRuns,
      seed,
    );
    const folded = (s: string) => fold(s).toLowerCase();
    assertProperty(
      fc.tuple(around, fc.oneof(spelledEmail, birthDate, plate), after, personName, address, after),
      ([a, p, b, name, place, c]) => {
        const input = `${a}${p.text}${b} ${name.text}. ${place.text}${c}`;
        const out = redact(input).text;
        const f = folded(out);
        if (f.includes(folded(p.secret))) fail(`${JSON.stringify(input)} kept ${JSON.stringify(p.secret)}: ${JSON.stringify(out)}`);
        if (f.includes(folded(name.secret))) fail(`${JSON.stringify(input)} kept the name: ${JSON.stringify(out)}`);
        for (const part of place.secret) if (f.includes(folded(part))) fail(`${JSON.stringify(input)} kept ${part}: ${JSON.stringify(out)}`);
        if (redact(out).text !== out) fail(`not idempotent on ${JSON.stringify(input)}: ${JSON.stringify(out)} then ${JSON.stringify(redact(out).text)}`);
      },
      numRuns,
      seed,
    );
    // Digits, separators and letters that are no money unit: no run of 9+ digits may survive.
    const digitish = fc.string({ unit: fc.constantFrom(...'0123456789 .-+@abc/()'.split(''), '０', '９'), maxLength: 80 });
    assertProperty(
      fc.oneof(digitish, hostile),
      (s) => {
        const out = redact(s).text;
        if (/^[\d\s.+@abc/()０９-]*$/.test(s) && /\d{9,}/.test(out.normalize('NFKC').replace(/[ .\-/]/g, ''))) fail(`a 9+ digit run survived in ${JSON.stringify(out)}`);
      },
      numRuns,
      seed,
    );
  },
};

// --- Flow engine, through the router --------------------------------------------------------------------------

const FLOW_STARTS = ['tính tiền đóng', 'hướng dẫn tham gia bhxh tự nguyện', 'tính lương hưu', 'tư vấn rút bhxh một lần', 'hướng dẫn cho doanh nghiệp', 'tính bhyt học sinh', 'tìm bhxh cơ sở', 'gặp cán bộ', 'xin chào'];
const action = fc.oneof(
  { weight: 4, arbitrary: fc.nat(12).map((i) => ({ button: i })) },
  { weight: 2, arbitrary: fc.constantFrom(...FLOW_STARTS).map((text) => ({ text })) },
  { weight: 2, arbitrary: fc.constantFrom('1', '2', '3', '9', '0', 'quay lại', 'menu', 'hủy', 'có', 'không', '1tr5', '45', '1980', '20 năm', 'Ba Bể', 'xóa dữ liệu', '/lang', '/start').map((text) => ({ text })) },
  { weight: 2, arbitrary: hostile.map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('f:nope', 'c:menu', 'x:<script>', 't:more')).map((payload) => ({ payload })) },
);

function checkResponse(r: BotResponse): void {
  if (r.replies.length === 0) fail('no reply');
  for (const reply of r.replies) {
    if (!reply.text.trim()) fail('an empty reply');
    if (/\{\{|undefined|\[object Object\]|NaN/.test(reply.text)) fail(`an unrendered reply: ${reply.text.slice(0, 120)}`);
    for (const b of reply.buttons ?? []) {
      if (!b.label.trim()) fail('a button without a label');
      if (Buffer.byteLength(b.payload, 'utf8') > 64) fail(`a payload over Telegram's 64 bytes: ${b.payload}`);
    }
  }
}

export function flowEngineProperty(): FuzzProperty {
  let app: App | undefined;
  let user = 0;
  return {
    name: 'flow engine (router + SQLite): any sequence of presses and typing gets a sound reply, never a throw',
    run(numRuns, seed) {
      // DB_SYNC=normal: the property is about the engine's logic, and an fsync a turn would only slow it down.
      app ??= createApp(loadConfig({ DATA_DIR: tempDir('bhxh-fuzz-'), KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows'), DB_SYNC: 'normal' }), testClock().now);
      const a = app;
      assertProperty(
        fc.array(action, { minLength: 1, maxLength: 8 }),
        (actions) => {
          const id = `fuzz-${user++}`;
          let last: BotResponse | undefined;
          for (const act of actions) {
            let input: { text?: string; payload?: string };
            if ('button' in act) {
              const buttons = last?.replies.flatMap((r) => r.buttons ?? []) ?? [];
              input = buttons.length ? { payload: buttons[act.button % buttons.length]!.payload } : { text: 'menu' };
            } else input = act;
            last = a.handle('web', id, input);
            checkResponse(last);
          }
        },
        numRuns,
        seed,
      );
    },
    close() {
      app?.close();
      app = undefined;
    },
  };
}

export const properties = (): FuzzProperty[] => [normaliser, moneyParser, redactor, flowEngineProperty()];
