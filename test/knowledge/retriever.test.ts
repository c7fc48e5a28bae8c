import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaqIndex } from '../../src/knowledge/faq-index.js';
import { createRetriever } from '../../src/knowledge/retriever.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { ROOT } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const faq = createFaqIndex(kb.entries, kb);

/** [expected entry, accented, unaccented, noisy] */
const CASES: [string, string, string, string][] = [
  ['vol-what-is', 'BHXH tự nguyện là gì?', 'bhxh tu nguyen la gi', 'bh xh tn la j vay'],
  ['vol-rate', 'Đóng bảo hiểm xã hội tự nguyện mỗi tháng bao nhiêu tiền?', 'dong bhxh tu nguyen moi thang bao nhieu', 'bhxh tn dong bn 1 thang'],
  ['vol-state-support', 'Hộ nghèo được nhà nước hỗ trợ đóng BHXH tự nguyện bao nhiêu?', 'ho ngheo duoc ho tro dong bhxh tu nguyen bao nhieu', 'ho ngheo dc ho tro bn'],
  ['vol-maternity-allowance', 'Đóng tự nguyện sinh con có được trợ cấp thai sản không?', 'dong tu nguyen sinh con co duoc tro cap thai san khong', 'bhxh tn co dc thai san ko'],
  ['pension-conditions', 'Đóng bao nhiêu năm thì được lương hưu?', 'dong bao nhieu nam thi duoc luong huu', 'dong bn nam dc luong huu'],
  ['pension-retirement-age', 'Tuổi nghỉ hưu năm 2026 của nam là bao nhiêu?', 'tuoi nghi huu nam 2026 cua nam la bao nhieu', 'tuoi nghi huu 2026 nam bn'],
  ['onetime-conditions', 'Khi nào được rút BHXH một lần?', 'khi nao duoc rut bhxh mot lan', 'khi nao dc rut bh 1 lan'],
  ['onetime-downsides', 'Rút bảo hiểm xã hội một lần có thiệt không?', 'rut bao hiem xa hoi mot lan co thiet khong', 'rut bhxh 1 lan co thiet ko'],
  ['bhyt-student', 'BHYT học sinh năm 2026 đóng bao nhiêu?', 'bhyt hoc sinh nam 2026 dong bao nhieu', 'bhyt hs 2026 dong bn'],
  ['bhyt-household', 'Bảo hiểm y tế hộ gia đình đóng bao nhiêu?', 'bao hiem y te ho gia dinh dong bao nhieu', 'bhyt ho gia dinh dong bn'],
  ['comp-employee-share', 'Người lao động đóng bảo hiểm bao nhiêu phần trăm?', 'nguoi lao dong dong bao hiem bao nhieu phan tram', 'nld dong bh bn %'],
  ['contact-hotline', 'Số tổng đài BHXH là bao nhiêu?', 'so tong dai bhxh la bao nhieu', 'sdt tong dai bhxh'],
  ['social-pension-allowance', 'Người già 75 tuổi không có lương hưu được trợ cấp gì?', 'nguoi gia 75 tuoi khong co luong huu duoc tro cap gi', 'ng gia 75 tuoi ko co luong huu dc tro cap j'],
];

describe('retriever finds the seeded entries in every input form (an answer, or the first of a clarification)', () => {
  for (const [id, ...forms] of CASES) {
    const [accented, plain, noisy] = forms;
    it.each([
      ['accented', accented],
      ['unaccented', plain],
      ['noisy', noisy],
    ])(`${id} (%s)`, (_form, q) => {
      const r = faq.classify(q);
      const got = r.kind === 'answer' ? r.match.id : r.kind === 'clarify' ? r.candidates[0]!.id : 'none';
      expect(got).toBe(id);
    });
  }
});

describe('retriever falls back on out-of-scope questions', () => {
  it.each(['giá vàng hôm nay', 'thời tiết Bắc Kạn ngày mai', 'thuế thu nhập cá nhân tính thế nào', 'cách làm bánh chưng', 'tỷ số bóng đá tối qua', 'mua xe máy trả góp', 'asdfgh qwerty'])(
    '%s',
    (q) => {
      expect(faq.classify(q).kind).toBe('none');
    },
  );
});

describe('retriever repairs typos against the vocabulary', () => {
  it('"nguyn" and "huư" still find their entries', () => {
    const r = faq.classify('bhxh tu nguyn la gi');
    expect(r.kind === 'answer' ? r.match.id : r.kind === 'clarify' ? r.candidates[0]!.id : 'none').toBe('vol-what-is');
  });
});

describe('the scheme a question names decides between sibling entries', () => {
  it.each([
    ['tai nạn lao động được nghỉ dưỡng sức bao nhiêu ngày', 'tnld-recovery'],
    ['nghỉ dưỡng sức sau sinh được mấy ngày', 'mat-recovery'],
    ['ốm dậy có được nghỉ dưỡng sức không', 'sick-recovery'],
  ])('"%s" is answered with %s', (text, id) => {
    const r = faq.classify(text);
    expect(r.kind).toBe('answer');
    if (r.kind === 'answer') expect(r.match.id).toBe(id);
  });
});

describe('a long letter typed without punctuation', () => {
  const small = createRetriever(
    [
      { id: 'vol-where', questions: ['Đóng bảo hiểm xã hội tự nguyện ở đâu?', 'Đăng ký tham gia BHXH tự nguyện tại đâu'] },
      { id: 'pension-amount', questions: ['Mức lương hưu hằng tháng là bao nhiêu?'] },
      { id: 'bhyt-card', questions: ['Thẻ bảo hiểm y tế hết hạn thì gia hạn thế nào?'] },
    ],
    { decisionCache: 0 },
  );
  const story =
    'nha toi o ban xa tren nui lam nuong trong ngo trong san nuoi ga nuoi lon quanh nam vat va mua nay lu to troi het ruong ngo lan chuong trai ' +
    'con cai di lam an xa ca nam moi ve mot lan roi ong ba noi cung om yeu phai nam vien nhieu lan tien thuoc ton kem lam ma ruong nuong thi it ' +
    'thu hoach chang duoc bao nhieu ca nha lo lang suot ngay dem khong ngu duoc';

  it('offers the entry its question names instead of finding nothing, but never answers on a guessed cut', () => {
    const r = small.classify(`${story} gio hai vo chong muon dong bao hiem xa hoi tu nguyen thi dong o dau vay`);
    expect(r.kind).toBe('clarify');
    expect(r.kind === 'clarify' && r.candidates[0]!.id).toBe('vol-where');
  });

  it('still finds nothing when the letter asks about nothing the knowledge has', () => {
    expect(small.classify(`${story} gio nha toi muon vay von ngan hang de nuoi bo thi lam ho so o dau vay`).kind).toBe('none');
  });
});
