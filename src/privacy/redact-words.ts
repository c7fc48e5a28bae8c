/**
 * Personal details written in words, found before anything is stored: a name after "tôi tên là", "họ tên:",
 * "tên em là" (or "tôi là" + a capitalised name); an address after "địa chỉ", "nhà ở", "trú tại", "quê ở",
 * or starting with "thôn", "xóm", "số nhà", "tổ dân phố", or "xã … huyện …"; a date of birth after "sinh
 * ngày", "ngày sinh", "ns"; a licence plate ("97A-123.45"). People write with or without diacritics, so the
 * markers are matched on a folded, lower-cased copy of the text that keeps every character at its index, and
 * the spans found there are cut from the original. Every pattern is bounded (no nested quantifiers).
 */
import { fold } from '../text/fold.js';

export type WordRedactionKind = 'name' | 'address' | 'birth-date' | 'plate';

export const WORD_REDACTION_LABELS: Record<WordRedactionKind, string> = {
  name: '[tên]',
  address: '[địa chỉ]',
  'birth-date': '[ngày sinh]',
  plate: '[biển số]',
};

export interface Span {
  start: number;
  end: number;
  kind: WordRedactionKind;
}

/** Lower-cased, diacritics folded, index for index the same length as `text`. */
export function alignedFold(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = fold(ch).toLowerCase();
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

const PERSON = '(?:toi|em|minh|chau|con|tao|anh|chi)';
const NAME_MARKER = new RegExp(
  `(?<![a-z0-9[])(?:ho\\s+va\\s+ten|ho\\s+ten|ten\\s+${PERSON}\\s+la|${PERSON}\\s+ten(?:\\s+la)?|ten\\s+la|ten\\s*:|my\\s+name\\s+is|name\\s*:)\\s*:?\\s*`,
  'g',
);
/** "tôi là Lan": a name only when it is written capitalised. */
const IS_MARKER = new RegExp(`(?<![a-z0-9[])${PERSON}\\s+la\\s+`, 'g');
/** Words that end a name written in lower case (folded). */
const NOT_NAME = new Set(
  'sinh nam hien dang o que nha la co xin muon hoi toi em minh chau con da dong lam tham gia so cmnd cccd sdt va nay tuoi cong ty nguoi bhxh bhyt khi thi duoc tu den vao tai roi nhe a ah vay xa huyen tinh thon ma dt ngay thang the cho nhung can biet duoc mong kinh gui chao cam on gi'.split(' '),
);
/** After "tôi là": capitalised words that start a role, not a name ("Tôi là Đảng viên", "Em là Giáo viên"). */
const ROLE = new Set('dang giao cong nhan bo can hoc bac chu giam ke hoi bi truong thuong benh cuu quan doanh ho nong lao tieu tro thanh'.split(' '));
const WORD = /\p{L}{1,12}(?!\p{L})/uy;
const GAP = /[ \t]{1,2}/y;
const CAPITALISED = /^\p{Lu}\p{Ll}{0,11}$/u;

/**
 * Where the name that starts at `at` ends: written capitalised, the capitalised words that follow (at most
 * five); written in lower case, up to four words that are not clause words ("sinh", "năm", "ở"…).
 */
function nameEnd(original: string, folded: string, at: number, capitalisedOnly: boolean): number {
  let end = at;
  let i = at;
  let capitalMode: boolean | undefined = capitalisedOnly || undefined;
  for (let words = 0; words < 5; words++) {
    WORD.lastIndex = i;
    const m = WORD.exec(original);
    if (!m) break;
    const capital = CAPITALISED.test(m[0]);
    const f = folded.slice(m.index, m.index + m[0].length);
    capitalMode ??= capital; // the first word tells how the name is written
    if (words === 0 && (NOT_NAME.has(f) || (capitalisedOnly && ROLE.has(f)))) break;
    if (capitalMode ? !capital : words >= 4 || NOT_NAME.has(f)) break;
    end = m.index + m[0].length;
    GAP.lastIndex = end;
    if (!GAP.exec(original)) break;
    i = GAP.lastIndex;
  }
  return end;
}

const CLAUSE_END =
  '(?=[.;!?\\n]|$|\\s(?:toi|em|minh|chau|xin|muon|cho\\s+hoi|hoi|vay|thi|nhung|hien\\s+nay|hien\\s+tai|nam\\s+nay|da|dang|tu\\s+nam|sinh|co\\s+the|duoc\\s+khong|lam|dong|tham\\s+gia|so\\s+dien|sdt|dt|co|khong|duoc|bi|phai|can|nen|neu|muon)(?![a-z]))';
const REST = `(?:[^.;!?\\n]{1,100}?${CLAUSE_END}|[^.;!?\\n]{1,100})`;
/** Markers kept in the text ("địa chỉ [địa chỉ]" reads badly, "nhà ở [địa chỉ]" reads well). */
const ADDRESS_AFTER = new RegExp(
  `(?<![a-z0-9[])(?:dia\\s+chi(?:\\s+(?:nha|lien\\s+he|thuong\\s+tru))?|d\\/c|nha\\s+${PERSON}\\s+o|nha\\s+o(?=\\s+(?:so|thon|xom|to|khu|xa\\s(?!hoi)|phuong|huyen|tinh|tp|thanh\\s+pho|ngo|ngach|hem|duong|\\d))|(?:thuong|tam|cu)\\s+tru(?:\\s+tai|\\s+o)?|tru\\s+tai|que\\s+(?:o|quan|${PERSON}\\s+o)|song\\s+(?:o|tai)|o\\s+tai)\\s*:?\\s*(${REST})`,
  'g',
);
/** Address parts that are cut with the rest of the address. */
const ADDRESS_FROM = new RegExp(
  `(?<![a-z0-9[])(?:so\\s+nha\\s+\\d|(?<!nong\\s)thon\\s|xom\\s|to\\s+dan\\s+pho|khu\\s+pho|(?:ngo|ngach|hem)\\s+\\d|xa\\s+(?!hoi)[a-z]{1,8}(?:\\s[a-z]{1,8}){0,3}\\s?,?\\s(?:huyen|quan|thi\\s+xa|thanh\\s+pho|tp|tinh)\\s|(?:phuong|thi\\s+tran)\\s+[a-z0-9]{1,8}(?:\\s[a-z]{1,8}){0,3}\\s?,?\\s(?:quan|huyen|thi\\s+xa|thanh\\s+pho|tp|tinh)\\s)${REST}`,
  'g',
);
const DATE = '(?:\\d{1,2}\\s{0,2}[\\/.\\-]\\s{0,2}\\d{1,2}\\s{0,2}[\\/.\\-]\\s{0,2}\\d{2,4}|(?:ngay\\s+)?\\d{1,2}\\s+thang\\s+\\d{1,2}\\s+nam\\s+\\d{4})(?!\\d)';
const BIRTH = new RegExp(`(?<![a-z0-9[])(?:ngay\\s+thang\\s+nam\\s+sinh|ngay\\s+sinh|sinh\\s+ngay|sinh|ns|dob|date\\s+of\\s+birth|born(?:\\s+on)?)\\s*(?:la|:)?\\s*(${DATE})`, 'g');
/** Vietnamese plates: 2 digits, the series (1–2 letters, maybe a digit), 4–5 digits ("97A-123.45", "30E12345"). */
const PLATE = /(?<![\p{L}\p{N}])\d{2}\s?-?\s?(?!tr)[a-z]{1,2}\d?\s?[-.]?\s?\d{3}[.\s]?\d{1,2}(?![\p{L}\p{N}])/gu;
const PLATE_MARKER = /(?<![a-z0-9[])bien\s+(?:so|kiem\s+soat)(?:\s+xe)?(?:\s+(?:la|cua\s+[a-z]{1,6}))?\s*:?\s*([a-z0-9]{1,4}(?:[-. ]?\d{1,5}){1,3})/g;

const MORE_ADDRESS = new RegExp(`\\s${REST}`, 'y');
const UNIT_BEFORE = /(?:^|[^a-z])(?:huyen|xa|tinh|thon|xom|phuong|quan|tp|tran|pho|ban|ap)$/;
/**
 * A clause word right after a unit ("huyện Đồng Lạc", "huyen dong lac") or written capitalised is part of a
 * place name: the address goes on past it.
 */
function continued(text: string, folded: string, end: number): number {
  const placeName = (at: number) => /^\s\p{Lu}\p{Ll}/u.test(text.slice(at, at + 3)) || UNIT_BEFORE.test(folded.slice(Math.max(0, at - 8), at));
  for (let i = 0; i < 3 && placeName(end); i++) {
    MORE_ADDRESS.lastIndex = end;
    if (!MORE_ADDRESS.exec(folded)) break;
    end = MORE_ADDRESS.lastIndex;
  }
  return end;
}

/** Where names, addresses, dates of birth and plates are, in `text` (NFC, cleaned). */
export function wordSpans(text: string): Span[] {
  const folded = alignedFold(text);
  const spans: Span[] = [];
  for (const m of folded.matchAll(NAME_MARKER)) {
    const at = m.index + m[0].length;
    const end = nameEnd(text, folded, at, false);
    if (end > at) spans.push({ start: at, end, kind: 'name' });
  }
  for (const m of folded.matchAll(IS_MARKER)) {
    const at = m.index + m[0].length;
    const end = nameEnd(text, folded, at, true);
    if (end > at) spans.push({ start: at, end, kind: 'name' });
  }
  // An address ends before the comma or space that closes it.
  const trimmed = (start: number, end: number): Span => {
    while (end > start + 1 && /[\s,]/.test(text[end - 1]!)) end--;
    return { start, end, kind: 'address' };
  };
  for (const m of folded.matchAll(ADDRESS_AFTER)) spans.push(trimmed(m.index + m[0].length - m[1]!.length, continued(text, folded, m.index + m[0].length)));
  for (const m of folded.matchAll(ADDRESS_FROM)) spans.push(trimmed(m.index, continued(text, folded, m.index + m[0].length)));
  for (const m of folded.matchAll(BIRTH)) spans.push({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, kind: 'birth-date' });
  for (const m of folded.matchAll(PLATE_MARKER)) spans.push({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, kind: 'plate' });
  for (const m of folded.matchAll(PLATE)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'plate' });
  return spans;
}

/** Replaces the spans (overlapping ones merged, the first kind kept) by their labels. */
export function cutSpans(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.end <= at) continue;
    if (s.start < at) {
      at = s.end;
      continue;
    }
    out += `${text.slice(at, s.start)}${WORD_REDACTION_LABELS[s.kind]}`;
    at = s.end;
  }
  return out + text.slice(at);
}
