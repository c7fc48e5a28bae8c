import { describe, expect, it } from 'vitest';
import { asks, focusQuestion, splitRunOns } from '../../src/text/question-focus.js';

const kinds = (text: string) => focusQuestion(text).clauses.map((c) => `${c.kind}: ${c.tokens.join(' ')}`);

describe('question focus', () => {
  it('sets aside the greeting, the name and ID number and the thanks of a letter, and finds the questions', () => {
    const letter =
      'Kính gửi BHXH tỉnh Thái Nguyên. Tôi tên là Nguyễn Văn Hùng, sinh năm 1975, CCCD 019075001234. Tôi đóng bảo hiểm ở công ty may từ năm 2012 ' +
      'đến tháng 8/2020 thì nghỉ việc. Cho tôi hỏi bây giờ tôi có rút bảo hiểm một lần được không? Nếu không rút thì sau này có lương hưu không? Xin cảm ơn.';
    const got = kinds(letter);
    expect(got.join(' | ')).not.toMatch(/hùng|kính gửi|019075001234|cảm ơn/);
    expect(got).toContain('narrative: sinh năm 1975');
    expect(got.filter((c) => c.startsWith('question'))).toEqual([
      'question: cho tôi hỏi bây giờ tôi có rút bảo hiểm một lần được không',
      'question: nếu không rút thì sau này có lương hưu không',
    ]);
  });

  it('splits an unpunctuated message at "cho em hỏi" and "em cảm ơn"', () => {
    const got = kinds('dạ em chào anh chị em đóng bhxh ở công ty được 6 năm giờ nghỉ việc rồi cho em hỏi em có được nhận trợ cấp thất nghiệp không ạ em cảm ơn');
    expect(got[0]).toBe('narrative: đóng bảo hiểm xã hội ở công ty được 6 năm giờ nghỉ việc rồi');
    expect(got[1]).toBe('question: cho em hỏi em có được nhận trợ cấp thất nghiệp không ạ');
    expect(got).toHaveLength(2);
  });

  it('keeps a short question whole and keeps the condition of a question split by a comma', () => {
    expect(kinds('Chào anh chị, bhxh tự nguyện đóng bao nhiêu một tháng')).toEqual(['question: bảo hiểm xã hội tự nguyện đóng bao nhiêu một tháng']);
    expect(kinds('nếu tôi nghỉ việc, thì có được rút không')).toEqual(['question: nếu tôi nghỉ việc thì có được rút không']);
  });

  it('does not take a question about a phone number for a personal detail', () => {
    expect(kinds('sdt tong dai bhxh')).toEqual(['narrative: số điện thoại tong dai bảo hiểm xã hội']);
    expect(kinds('SĐT của tôi là 0912345678')).toEqual([]);
  });

  it('says a message with only a greeting and thanks has no content', () => {
    expect(focusQuestion('Chào anh chị ạ. Em cảm ơn nhiều!').contentless).toBe(true);
    expect(focusQuestion('bhxh la gi').contentless).toBe(false);
  });

  it('recognises the ways a clause asks', () => {
    for (const q of ['co duoc rut khong a', 'dong bao nhieu', 'nop o dau', 'mat may thang', 'da du dieu kien chua', 'lam the nao']) expect(asks(q.split(' '), false), q).toBe(true);
    for (const s of ['toi lam cong nhan may', 'cong ty khong dong day du cho toi nhung van tru luong', 'toi da dong 10 nam']) expect(asks(s.split(' '), false), s).toBe(false);
  });

  it('reads at most a few thousand characters, however long the message', () => {
    const f = focusQuestion('tôi đóng bảo hiểm '.repeat(5000));
    expect(f.length).toBeLessThan(1500);
  });
});

describe('letters typed without punctuation', () => {
  const story = 'nha toi o ban xa tren nui lam nuong trong ngo nuoi ga nuoi lon quanh nam vat va mua nay lu to troi het ruong ngo';
  const asked = (focus: ReturnType<typeof focusQuestion>) => focus.clauses.filter((c) => c.kind === 'question').map((c) => c.folded.join(' '));

  it('cuts a long run into the question it holds and the story around it', () => {
    const focus = focusQuestion(`${story} gio hai vo chong muon dong bao hiem xa hoi tu nguyen thi dong o dau vay`);
    expect(asked(focus)).toEqual([focus.clauses.flatMap((c) => c.folded).join(' ')]);
    const split = splitRunOns(focus)!;
    expect(split).not.toBeNull();
    const question = asked(split);
    expect(question).toHaveLength(1);
    expect(question[0]).toContain('bao hiem xa hoi tu nguyen thi dong o dau');
    expect(question[0]).not.toContain('nuoi ga');
    expect(split.clauses.some((c) => c.kind === 'narrative' && c.folded.includes('nuong'))).toBe(true);
  });

  it('keeps a yes/no question to its "có … không" and leaves "không" meaning "not" in the story', () => {
    const focus = focusQuestion(`${story} nen ko co tien dong tiep nua vay nghi dong vai nam thi sau nay co duoc dong tiep khong a em cam on`);
    const question = asked(splitRunOns(focus)!);
    expect(question.some((q) => q.endsWith('co duoc dong tiep khong a'))).toBe(true);
  });

  it('leaves short clauses and punctuated letters as they are', () => {
    expect(splitRunOns(focusQuestion('đóng bhxh tự nguyện ở đâu vậy'))).toBeNull();
    expect(splitRunOns(focusQuestion(`${story}. Giờ vợ chồng tôi muốn đóng BHXH tự nguyện thì đóng ở đâu?`))).toBeNull();
  });
});
