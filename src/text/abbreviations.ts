/**
 * Abbreviations and teencode seen in social-insurance talk, expanded to the words they stand for.
 * Keys are matched on tokens typed without tone marks (đ allowed), plus a few accented teencode spellings.
 * Ambiguous ones (tn, k, dk, bh, hs, tr) are resolved from their neighbours.
 */
import { fold } from './fold.js';

const FIXED: Record<string, string> = {
  bhxh: 'bảo hiểm xã hội',
  bhyt: 'bảo hiểm y tế',
  bhtn: 'bảo hiểm thất nghiệp',
  bhxhtn: 'bảo hiểm xã hội tự nguyện',
  bhxhbb: 'bảo hiểm xã hội bắt buộc',
  xh: 'xã hội',
  yt: 'y tế',
  tnld: 'tai nạn lao động',
  bnn: 'bệnh nghề nghiệp',
  nld: 'người lao động',
  nsdld: 'người sử dụng lao động',
  hdld: 'hợp đồng lao động',
  ld: 'lao động',
  dn: 'doanh nghiệp',
  cty: 'công ty',
  cccd: 'căn cước công dân',
  cmnd: 'chứng minh nhân dân',
  sdt: 'số điện thoại',
  ubnd: 'ủy ban nhân dân',
  lcs: 'lương cơ sở',
  dtts: 'dân tộc thiểu số',
  sv: 'sinh viên',
  hssv: 'học sinh sinh viên',
  kcb: 'khám chữa bệnh',
  hgd: 'hộ gia đình',
  xkld: 'xuất khẩu lao động',
  bv: 'bệnh viện',
  bvien: 'bệnh viện',
  ctv: 'cộng tác viên',
  tcxh: 'trợ cấp xã hội',
  tcht: 'trợ cấp hưu trí',
  tctn: 'trợ cấp thất nghiệp',
  tc: 'trợ cấp',
  vn: 'việt nam',
  vnd: 'đồng',
  tp: 'thành phố',
  hso: 'hồ sơ',
  ko: 'không',
  kh: 'không',
  khg: 'không',
  hk: 'không',
  hok: 'không',
  hog: 'không',
  khum: 'không',
  kg: 'không',
  dc: 'được',
  dk: 'điều kiện',
  bn: 'bao nhiêu',
  bnh: 'bao nhiêu',
  j: 'gì',
  ji: 'gì',
  r: 'rồi',
  vs: 'với',
  ntn: 'như thế nào',
  ng: 'người',
  mn: 'mọi người',
  mk: 'mình',
  mik: 'mình',
  t: 'tôi',
  e: 'em',
  cj: 'chị',
  tl: 'trả lời',
  trc: 'trước',
  thg: 'tháng',
  lm: 'làm',
  cx: 'cũng',
  cg: 'cũng',
  ms: 'mới',
  bik: 'biết',
  bit: 'biết',
  wa: 'qua',
  qa: 'qua',
  lun: 'luôn',
  nhiu: 'nhiều',
  thui: 'thôi',
  kq: 'kết quả',
  z: 'vậy',
  v: 'vậy',
  dzay: 'vậy',
  ngan: 'nghìn',
  ngàn: 'nghìn',
  kô: 'không',
  hông: 'không',
  bít: 'biết',
  nhìu: 'nhiều',
  đc: 'được',
  '1': 'một',
};

/** Words after "dk"/"đk" that make it "điều kiện"; otherwise it is "đăng ký". */
const DK_CONDITION_NEXT = new Set(['huong', 'nhan', 'rut', 'de', 'gi', 'j', 'la', 'tham', 'duoc', 'can']);
const DK_REGISTER_NEXT = new Set(['bao', 'bhxh', 'bhyt', 'bhtn', 'bh', 'online', 'tai', 'o', 'qua', 'cho', 'lai', 'moi']);
const BH_INSURANCE_NEXT = new Set(['xh', 'yt', 'tn', 'xa', 'y', 'that', 'tu', 'bb', 'bat', 'hiem']);

const ACCENT_FREE = /^[a-zđ0-9]+$/;

function isNumber(token: string | undefined): boolean {
  return token !== undefined && /^\d+([.,]\d+)?$/.test(token);
}

/** The expansion of one token given its neighbours (previous tokens already expanded), or null. */
function expandOne(token: string, prevFolded: string[], nextRaw: string | undefined): string | null {
  const key = ACCENT_FREE.test(token) ? fold(token) : token;
  const prev = prevFolded[prevFolded.length - 1];
  const prev2 = prevFolded.slice(-2).join(' ');
  const next = nextRaw === undefined ? undefined : fold(nextRaw);
  switch (key) {
    case 'tn':
      if (prev2 === 'xa hoi') return 'tự nguyện';
      if (prev === 'hiem' || prev === 'cap' || prev === 'huong' || prev === 'bh') return 'thất nghiệp';
      if (prev === 'nan' || next === 'ld' || next === 'lao') return 'tai nạn';
      return 'tự nguyện';
    case 'k':
      return isNumber(prev) ? 'nghìn' : 'không';
    case 'tr':
      return isNumber(prev) ? 'triệu' : null;
    case 'dk':
      if (next !== undefined && DK_REGISTER_NEXT.has(next)) return 'đăng ký';
      if (next === undefined || DK_CONDITION_NEXT.has(next)) return 'điều kiện';
      return prev === 'de' || prev === 'can' || prev === 'muon' ? 'đăng ký' : 'điều kiện';
    case 'bh':
      if (next === undefined || BH_INSURANCE_NEXT.has(next)) return 'bảo hiểm';
      return 'bảo hiểm';
    case 'bb':
      return prev2 === 'xa hoi' || prev === 'hiem' ? 'bắt buộc' : null;
    case 'hs':
      return prev === 'nop' || prev === 'lam' || prev === 'bi' ? 'hồ sơ' : 'học sinh';
    case 'ts':
      // "chế độ ts", "nghỉ ts", "hưởng ts": thai sản
      return prev === 'do' || prev === 'nghi' || prev === 'huong' || prev === 'tien' || prev === 'che' ? 'thai sản' : null;
    case 'dt':
      return next === 'thieu' || next === 'ts' ? 'dân tộc' : 'điện thoại';
    case 'd':
      return isNumber(prev) ? 'đồng' : null;
    default:
      if (Object.hasOwn(FIXED, key)) return FIXED[key]!;
      return misTyped(key);
  }
}

/** Long abbreviations typed with one slip are still recognised ("hbyt", "bthn", "bhhx", "bhx"). */
const SLIP_TOLERANT = ['bhxh', 'bhyt', 'bhtn', 'cccd', 'vssid', 'hdld', 'tnld', 'nsdld', 'bhxhtn'];

/** True when a and b differ by one inserted, deleted or replaced letter, or two neighbours swapped. */
function oneSlipApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length < 3; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function misTyped(key: string): string | null {
  // Only vowel-less tokens look like a slipped abbreviation ("bthn"); syllables are left to the retriever.
  if (!/^[a-z]{3,6}$/.test(key) || /[aeiou]/.test(key)) return null;
  const hit = SLIP_TOLERANT.find((a) => oneSlipApart(key, a));
  return hit ? FIXED[hit]! : null;
}

/**
 * Expands abbreviations in a token list. Tokens are lower-case syllables or numbers; the result may be longer.
 */
export function expandAbbreviations(tokens: readonly string[]): string[] {
  const out: string[] = [];
  const outFolded: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const expansion = expandOne(token, outFolded, tokens[i + 1]);
    const words = expansion === null ? [token] : expansion.split(' ');
    for (const w of words) {
      out.push(w);
      outFolded.push(fold(w));
    }
  }
  return out;
}
