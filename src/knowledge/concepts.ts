/**
 * Domain synonyms: different ways citizens say the same thing ("nộp" = "đóng", "thấp nhất" = "tối thiểu",
 * "mấy tháng" = "bao nhiêu tháng", "làm ruộng" = "nông dân"). Applied to folded tokens on both sides, the
 * knowledge phrasings at index time and the query at search time, so a mapping can only bring equivalent
 * phrasings together, never pull one side away from the other.
 */

type Rule = readonly [pattern: readonly string[], replacement: readonly string[]];

const UNITS = ['thang', 'nam', 'ngay', 'lan', 'tuoi', 'phan', 'tien', 'nguoi', 'tuan', 'gio', 'con'];

const RULES: Rule[] = [
  // paying
  [['nop', 'tien'], ['dong', 'tien']],
  [['nop'], ['dong']],
  // stopping payment
  [['tam', 'dung', 'dong'], ['dung', 'dong']],
  [['ngung', 'dong'], ['dung', 'dong']],
  [['bo', 'dong'], ['dung', 'dong']],
  [['khong', 'dong', 'tiep'], ['dung', 'dong']],
  [['khong', 'dong', 'nua'], ['dung', 'dong']],
  // withdrawing, receiving
  [['lay', 'lai', 'tien'], ['rut', 'tien']],
  [['lay', 'tien'], ['rut', 'tien']],
  [['lay', 'bao', 'hiem'], ['rut', 'bao', 'hiem']],
  [['linh', 'bao', 'hiem'], ['rut', 'bao', 'hiem']],
  [['lanh', 'bao', 'hiem'], ['rut', 'bao', 'hiem']],
  [['lanh'], ['huong']],
  [['linh'], ['huong']],
  [['nhan', 'tro', 'cap'], ['huong', 'tro', 'cap']],
  [['nhan', 'luong', 'huu'], ['huong', 'luong', 'huu']],
  [['nhan', 'che', 'do'], ['huong', 'che', 'do']],
  [['nhan', 'tien'], ['huong', 'tien']],
  // minimum, maximum
  [['thap', 'nhat'], ['toi', 'thieu']],
  [['it', 'nhat'], ['toi', 'thieu']],
  [['cao', 'nhat'], ['toi', 'da']],
  [['nhieu', 'nhat'], ['toi', 'da']],
  // retirement, old age
  [['ve', 'huu'], ['nghi', 'huu']],
  [['nguoi', 'gia', 'ca'], ['nguoi', 'cao', 'tuoi']],
  [['nguoi', 'gia'], ['nguoi', 'cao', 'tuoi']],
  // how, where
  [['ra', 'sao'], ['nhu', 'the', 'nao']],
  [['nhu', 'nao'], ['nhu', 'the', 'nao']],
  [['nhu', 'the', 'nao'], ['nhu', 'the', 'nao']],
  [['the', 'nao'], ['nhu', 'the', 'nao']],
  [['kieu', 'gi'], ['nhu', 'the', 'nao']],
  [['cach', 'nao'], ['nhu', 'the', 'nao']],
  [['cho', 'nao'], ['o', 'dau']],
  [['noi', 'nao'], ['o', 'dau']],
  [['di', 'dau'], ['o', 'dau']],
  // who
  [['lam', 'ruong'], ['nong', 'dan']],
  [['lam', 'nong'], ['nong', 'dan']],
  [['ban', 'hang'], ['buon', 'ban']],
  [['tieu', 'thuong'], ['buon', 'ban']],
  [['cong', 'ty'], ['doanh', 'nghiep']],
  [['cong', 'nhan'], ['nguoi', 'lao', 'dong']],
  [['nhan', 'vien'], ['nguoi', 'lao', 'dong']],
  // life events
  [['sinh', 'em', 'be'], ['sinh', 'con']],
  [['sinh', 'be'], ['sinh', 'con']],
  [['de', 'con'], ['sinh', 'con']],
  [['nghi', 'lam'], ['nghi', 'viec']],
  [['thoi', 'viec'], ['nghi', 'viec']],
  [['mat', 'viec'], ['nghi', 'viec']],
  [['bi', 'duoi', 'viec'], ['bi', 'nghi', 'viec']],
  [['duoi', 'viec'], ['nghi', 'viec']],
  [['cho', 'nghi', 'viec'], ['nghi', 'viec']],
  [['nghi', 'han'], ['nghi', 'viec']],
  // surgery
  [['phau', 'thuat'], ['mo']],
  // pregnancy and birth ("có bầu", "mổ đẻ")
  [['mang', 'bau'], ['mang', 'thai']],
  [['co', 'bau'], ['mang', 'thai']],
  [['dang', 'bau'], ['dang', 'mang', 'thai']],
  [['bau', 'bi'], ['mang', 'thai']],
  [['mo', 'de'], ['sinh', 'mo']],
  [['de', 'mo'], ['sinh', 'mo']],
  [['vo', 'de'], ['vo', 'sinh', 'con']],
  // one-time withdrawal: "rút bảo hiểm", "rút sổ" mean the one-time payment
  [['rut', 'mot', 'lan'], ['rut', 'mot', 'lan']],
  [['rut', 'so'], ['rut', 'mot', 'lan']],
  [['rut', 'bao', 'hiem', 'xa', 'hoi', 'mot', 'lan'], ['rut', 'mot', 'lan', 'bao', 'hiem', 'xa', 'hoi']],
  [['rut', 'bao', 'hiem', 'xa', 'hoi'], ['rut', 'mot', 'lan', 'bao', 'hiem', 'xa', 'hoi']],
  [['rut', 'bao', 'hiem'], ['rut', 'mot', 'lan', 'bao', 'hiem']],
  // unemployment benefit in everyday words
  [['tien', 'that', 'nghiep'], ['tro', 'cap', 'that', 'nghiep']],
  [['lam', 'that', 'nghiep'], ['huong', 'tro', 'cap', 'that', 'nghiep']],
  [['huong', 'that', 'nghiep'], ['huong', 'tro', 'cap', 'that', 'nghiep']],
  [['nhan', 'that', 'nghiep'], ['huong', 'tro', 'cap', 'that', 'nghiep']],
  // the book and the card, said short
  [['so', 'bao', 'hiem', 'xa', 'hoi'], ['so', 'bao', 'hiem', 'xa', 'hoi']],
  [['so', 'bao', 'hiem'], ['so', 'bao', 'hiem', 'xa', 'hoi']],
  [['the', 'bao', 'hiem', 'y', 'te'], ['the', 'bao', 'hiem', 'y', 'te']],
  [['the', 'bao', 'hiem'], ['the', 'bao', 'hiem', 'y', 'te']],
  // health-care levels, in the old words people still use
  [['vuot', 'tuyen'], ['trai', 'tuyen']],
  [['khong', 'dung', 'tuyen'], ['trai', 'tuyen']],
  [['vien', 'tinh'], ['benh', 'vien', 'tinh']],
  [['benh', 'vien', 'tinh'], ['benh', 'vien', 'tinh']],
  // incapacity, funeral, pension in everyday words
  [['mat', 'suc', 'lao', 'dong'], ['suy', 'giam', 'kha', 'nang', 'lao', 'dong']],
  [['mai', 'tang', 'phi'], ['tro', 'cap', 'mai', 'tang']],
  [['tien', 'mai', 'tang'], ['tro', 'cap', 'mai', 'tang']],
  [['tien', 'huu'], ['luong', 'huu']],
  [['tien', 'tuat'], ['tro', 'cap', 'tuat']],
  // support
  [['duoc', 'giam'], ['duoc', 'ho', 'tro']],
  // apps and web
  [['app'], ['ung', 'dung']],
  [['trang', 'web'], ['website']],
];

const BY_FIRST = new Map<string, Rule[]>();
for (const rule of RULES) {
  const list = BY_FIRST.get(rule[0][0]!) ?? [];
  list.push(rule);
  BY_FIRST.set(rule[0][0]!, list.sort((a, b) => b[0].length - a[0].length));
}

/** Every word a synonym rule reads: words of the question that the knowledge has under another name. */
export const CONCEPT_WORDS: ReadonlySet<string> = new Set(['may', ...RULES.flatMap((r) => r[0])]);

function matches(tokens: readonly string[], at: number, pattern: readonly string[]): boolean {
  for (let j = 0; j < pattern.length; j++) if (tokens[at + j] !== pattern[j]) return false;
  return true;
}

/** Rewrites folded tokens to canonical concepts, longest pattern first, one left-to-right pass. */
export function canonicalConcepts(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (token === 'may' && UNITS.includes(tokens[i + 1] ?? '')) {
      out.push('bao', 'nhieu');
      i += 1;
      continue;
    }
    const rule = BY_FIRST.get(token)?.find((r) => matches(tokens, i, r[0]));
    if (rule) {
      out.push(...rule[1]);
      i += rule[0].length;
    } else {
      out.push(token);
      i += 1;
    }
  }
  return out;
}
