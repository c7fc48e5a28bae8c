/**
 * A review queue as a busy month leaves it, for the queue benchmark: 1,200 distinct questions (a situation and
 * what is asked about it) asked with Zipf-like frequencies (thousands of times for the most common, a handful
 * for most), each time worded and typed differently: who asks, sometimes where, as written, without
 * diacritics, in Telex, with a typo, with a polite opening; plus 5% out-of-scope questions.
 */
export interface BenchQuestion {
  text: string;
  kind: 'fallback' | 'misroute' | 'sampled';
  channel: 'web' | 'zalo' | 'telegram';
  /** Days before today (1 to 29) and the instant within that day, as a fraction. */
  daysAgo: number;
  dayFraction: number;
}

const WHAT = [
  'nghỉ việc từ tháng trước', 'bị tai nạn khi đang đi làm', 'sắp sinh con thứ hai', 'ốm phải nằm viện dài ngày', 'chuyển sang công ty mới',
  'đã đóng bảo hiểm được mười năm', 'bị công ty nợ tiền bảo hiểm', 'làm mất sổ bảo hiểm xã hội', 'thẻ bảo hiểm y tế sai ngày sinh', 'đã đủ tuổi nghỉ hưu',
  'mất việc do công ty giải thể', 'đóng tự nguyện được ba năm', 'đang hưởng trợ cấp thất nghiệp', 'muốn đóng tiếp cho đủ hai mươi năm', 'vừa chuyển hộ khẩu vào thành phố',
  'bị bệnh hiểm nghèo phải chữa lâu', 'khám ở bệnh viện tuyến tỉnh', 'làm ở hai công ty cùng lúc', 'có hợp đồng lao động ba tháng', 'nhận lương hưu qua tài khoản',
  'đã rút một lần năm ngoái', 'sắp ra nước ngoài định cư', 'bị sảy thai ở tháng thứ ba', 'nhận nuôi con dưới sáu tháng tuổi', 'phải nghỉ chăm con ốm',
  'bị giảm khả năng lao động', 'có người thân mất năm ngoái', 'bị tai nạn giao thông trên đường về', 'chưa từng đóng ngày nào', 'sắp hết hạn thẻ bảo hiểm y tế',
  'là shipper giao hàng', 'làm nông ở quê', 'là giáo viên hợp đồng', 'chạy xe ôm công nghệ', 'bán hàng online tại nhà',
  'là người nuôi ong', 'đi xuất khẩu lao động Nhật về', 'là ngư dân đánh bắt xa bờ', 'là chủ hộ kinh doanh', 'làm giúp việc theo giờ',
];
const ASK = [
  'thì được hưởng những chế độ gì', 'có được rút bảo hiểm một lần không', 'thì làm thủ tục ở đâu', 'cần chuẩn bị giấy tờ gì', 'bao lâu thì nhận được tiền',
  'được nhận khoảng bao nhiêu tiền', 'có được bảo lưu thời gian đóng không', 'phải làm thế nào cho đúng', 'có được thanh toán viện phí không', 'có bị mất quyền lợi gì không',
  'có được tính vào lương hưu không', 'nộp hồ sơ trực tuyến được không', 'ai đứng ra giải quyết cho', 'có được đóng bù những tháng thiếu không', 'mức đóng hằng tháng là bao nhiêu',
  'có cần xác nhận của công ty cũ không', 'có được trợ cấp một lần không', 'có phải đóng tiếp nữa không', 'hạn chót nộp hồ sơ là khi nào', 'có được hỗ trợ tiền học nghề không',
  'khám trái tuyến có được hưởng không', 'thời gian đóng tính thế nào', 'xin cấp lại sổ mới ở đâu', 'gia đình có được hưởng tử tuất không', 'đăng ký qua VssID được không',
  'có được đóng cho cả gia đình không', 'tra cứu quá trình đóng ở đâu', 'mất bao nhiêu tiền lệ phí', 'có được ủy quyền cho người nhà không', 'gọi tổng đài nào để hỏi',
];
/** Who asks and where: said or left out, they make near-duplicates of the same question. */
const WHO = ['Tôi ', 'Mẹ tôi ', 'Bố tôi ', 'Vợ em ', 'Chồng tôi ', 'Con gái tôi ', 'Em trai tôi ', 'Chị tôi ', 'Ông tôi ', 'Bạn em '];
const WHERE = [' ở Hà Nội', ' tại TP HCM', ' ở Đà Nẵng', ' ở Cần Thơ', ' ở Nghệ An', ' ở Bắc Ninh', ' ở Huế', ' ở Đắk Lắk'];
const ELSEWHERE = ['Giá vàng hôm nay bao nhiêu', 'Thời tiết Hà Nội ngày mai thế nào', 'Kết quả xổ số miền Bắc hôm qua', 'Cách nấu phở bò ngon', 'Lịch thi đấu bóng đá tối nay', 'Tỷ giá đô la hôm nay'];
const OPENINGS = ['Cho em hỏi ', 'Dạ cho tôi hỏi ', 'Xin hỏi ', 'Ad ơi '];

const TONES: Record<string, string> = { '\u0301': 's', '\u0300': 'f', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };

/** The word as typed in Telex: "hỏi" → "hoir", "được" → "dduwowcj". */
export function telex(text: string): string {
  return text
    .split(' ')
    .map((word) => {
      let tone = '';
      let out = '';
      for (const ch of word.normalize('NFD')) {
        if (TONES[ch]) tone = TONES[ch]!;
        else if (ch === '\u0302') out += out.slice(-1); // â ê ô: the vowel twice
        else if (ch === '\u0306' || ch === '\u031b') out += 'w'; // ă ơ ư
        else if (ch === 'đ' || ch === 'Đ') out += ch === 'đ' ? 'dd' : 'DD';
        else out += ch;
      }
      const tail = /[?,.!]+$/.exec(out)?.[0] ?? '';
      return out.slice(0, out.length - tail.length) + tone + tail;
    })
    .join(' ');
}

const plain = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

export function benchQueue(n: number, seed = 20261216): BenchQuestion[] {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  // The distinct questions, in a random order; the k-th is asked with weight 1/k^1.1.
  const intents: string[] = [];
  for (const what of WHAT) for (const ask of ASK) intents.push(`${what} ${ask}?`);
  for (let i = intents.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [intents[i], intents[j]] = [intents[j]!, intents[i]!];
  }
  const weights = intents.map((_, k) => 1 / (k + 1) ** 1.1);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[cumulative.length - 1]!;
  const intent = () => {
    const x = rand() * total;
    let lo = 0;
    for (let hi = cumulative.length - 1; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return intents[lo]!;
  };
  const typo = (t: string) => {
    const i = 1 + Math.floor(rand() * (t.length - 3));
    return t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
  };
  const typed = (t: string) => {
    const r = rand();
    const base = r < 0.35 ? t : r < 0.6 ? plain(t).toLowerCase() : r < 0.72 ? telex(t.toLowerCase()) : r < 0.87 ? typo(t) : pick(OPENINGS) + t[0]!.toLowerCase() + t.slice(1);
    return rand() < 0.3 ? base.replace(/\?$/, '') : base;
  };
  return Array.from({ length: n }, (): BenchQuestion => {
    const r = rand();
    const said = (t: string) => (rand() < 0.5 ? pick(WHO) + t : t[0]!.toUpperCase() + t.slice(1)).replace(/\?$/, rand() < 0.2 ? `${pick(WHERE)}?` : '?');
    const text = r < 0.05 ? `${pick(ELSEWHERE)} ${Math.floor(rand() * 500)}` : typed(said(intent()));
    const k = rand();
    return {
      text,
      kind: k < 0.7 ? 'fallback' : k < 0.9 ? 'misroute' : 'sampled',
      channel: pick(['web', 'web', 'web', 'zalo', 'zalo', 'telegram'] as const),
      daysAgo: 1 + Math.floor(rand() * 29),
      dayFraction: rand(),
    };
  });
}
