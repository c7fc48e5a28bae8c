/**
 * What kind of answer a question wants: an amount, a duration, a place, a procedure, whether one qualifies,
 * a definition, a time. Siblings in the knowledge base often differ only in this ("rút một lần được bao nhiêu"
 * / "rút một lần cần hồ sơ gì" / "khi nào được rút"), and the words that say it are common ones the term
 * weights barely count. Judged on folded tokens; a clause may want more than one kind.
 */

export type QuestionKind = 'amount' | 'duration' | 'place' | 'procedure' | 'eligibility' | 'definition' | 'time' | 'consequence';

const PATTERNS: Record<QuestionKind, readonly string[][]> = {
  amount: [
    ['bao', 'nhieu', 'tien'], ['duoc', 'bao', 'nhieu'], ['bao', 'nhieu', 'phan', 'tram'], ['muc', 'huong'], ['muc', 'dong'], ['dong', 'bao', 'nhieu'],
    ['tinh', 'the', 'nao'], ['cach', 'tinh'], ['bao', 'nhieu', 'mot', 'thang'], ['nhan', 'bao', 'nhieu'], ['tra', 'bao', 'nhieu'], ['mat', 'bao', 'nhieu'],
    ['bao', 'nhieu', 'phan'], ['phan', 'tram'], ['toi', 'da'], ['toi', 'thieu'], ['muc', 'tro', 'cap'], ['het', 'bao', 'nhieu'],
  ],
  duration: [['bao', 'lau'], ['may', 'thang'], ['may', 'ngay'], ['may', 'nam'], ['bao', 'nhieu', 'thang'], ['bao', 'nhieu', 'ngay'], ['bao', 'nhieu', 'nam'], ['trong', 'bao', 'lau'], ['keo', 'dai']],
  place: [['o', 'dau'], ['cho', 'nao'], ['noi', 'nao'], ['co', 'quan', 'nao'], ['den', 'dau'], ['len', 'dau'], ['gui', 'dau'], ['nop', 'o'], ['di', 'dau']],
  procedure: [['ho', 'so'], ['giay', 'to'], ['thu', 'tuc'], ['lam', 'the', 'nao', 'de'], ['can', 'nhung', 'gi'], ['lam', 'gi', 'de'], ['cach', 'lam'], ['lam', 'sao', 'de'], ['dang', 'ky', 'the', 'nao'], ['mau', 'don'], ['to', 'khai'], ['phai', 'lam', 'gi'], ['lam', 'the', 'nao']],
  eligibility: [['co', 'duoc'], ['duoc', 'khong'], ['dieu', 'kien'], ['co', 'phai'], ['phai', 'khong'], ['du', 'dieu', 'kien'], ['duoc', 'huong', 'khong'], ['duoc', 'chua'], ['co', 'bi'], ['ai', 'duoc'], ['truong', 'hop', 'nao']],
  definition: [['la', 'gi'], ['nghia', 'la'], ['la', 'sao'], ['hieu', 'the', 'nao'], ['khac', 'nhau'], ['khac', 'gi'], ['gom', 'nhung']],
  time: [['khi', 'nao'], ['bao', 'gio'], ['thang', 'nao'], ['ngay', 'nao'], ['nam', 'nao'], ['luc', 'nao'], ['tu', 'khi', 'nao'], ['han', 'chot'], ['thoi', 'han']],
  consequence: [['thi', 'sao'], ['co', 'mat'], ['bi', 'mat'], ['co', 'sao', 'khong'], ['anh', 'huong'], ['thiet', 'gi'], ['co', 'thiet'], ['bi', 'phat'], ['hau', 'qua'], ['se', 'the', 'nao']],
};

const KINDS = Object.keys(PATTERNS) as QuestionKind[];

function has(tokens: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

/** The kinds of answer the folded tokens of a question ask for (possibly none). */
export function questionKinds(folded: readonly string[]): Set<QuestionKind> {
  const out = new Set<QuestionKind>();
  for (const k of KINDS) if (PATTERNS[k].some((p) => has(folded, p))) out.add(k);
  // "bao nhiêu tháng/ngày/năm" is a duration, not an amount of money.
  if (out.has('duration') && out.has('amount') && !has(folded, ['tien']) && !has(folded, ['phan', 'tram']) && !has(folded, ['muc'])) out.delete('amount');
  return out;
}

/** The kinds most of an entry's phrasings ask for: what the entry answers. */
export function entryKinds(phrasings: readonly (readonly string[])[], share = 0.4): Set<QuestionKind> {
  const counts = new Map<QuestionKind, number>();
  for (const p of phrasings) for (const k of questionKinds(p)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out = new Set<QuestionKind>();
  for (const [k, n] of counts) if (n / Math.max(1, phrasings.length) >= share) out.add(k);
  return out;
}
