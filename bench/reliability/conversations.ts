/**
 * Scripted conversations for the crash test: what citizens type, on Telegram and Zalo, through flows (typed
 * numbers and words: the same on both platforms) and plain questions. A chat repeats its script as long as the
 * test runs, so that kills land anywhere: between the steps of a flow, in a question, in a reply being sent.
 */
export interface Script {
  name: string;
  /** Steps of a guided flow: a kill between the first and the last lands "mid-flow". */
  flow: boolean;
  turns: readonly string[];
}

export const SCRIPTS: readonly Script[] = [
  { name: 'contribution calculator', flow: true, turns: ['tính tiền đóng', '1', '1.500.000', '1', 'menu'] },
  { name: 'contribution calculator, no diacritics', flow: true, turns: ['tinh tien dong', 'dan toc thieu so', '1,5 triệu', '1', 'menu'] },
  { name: 'pension estimate', flow: true, turns: ['tính lương hưu', 'Nữ', '1969', '20 năm', '5', '8 triệu', 'menu'] },
  { name: 'employer guide', flow: true, turns: ['hướng dẫn cho doanh nghiệp', '12 người', '100 triệu', 'menu'] },
  { name: 'student BHYT', flow: true, turns: ['tính bhyt học sinh', '1', 'menu'] },
  { name: 'withdrawal counselling', flow: true, turns: ['tư vấn rút bhxh một lần', '1', '2', 'quay lại', '1', 'menu'] },
  {
    name: 'questions',
    flow: false,
    turns: ['bhxh tu nguyen la gi', 'đóng bao nhiêu năm thì được lương hưu', 'bhyt hoc sinh bao nhieu tien', 'rut bhxh 1 lan duoc khong', 'mất việc có được trợ cấp thất nghiệp không', 'giá vàng hôm nay'],
  },
  { name: 'greeting and menu', flow: true, turns: ['xin chào', '1', 'menu', '2'] },
];
