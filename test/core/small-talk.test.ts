import { describe, expect, it } from 'vitest';
import { recogniseSmallTalk } from '../../src/core/small-talk.js';
import { normalizeText } from '../../src/text/normalize.js';

const kind = (text: string) => recogniseSmallTalk(text, normalizeText(text).folded);

describe('small talk', () => {
  it.each([
    ['em cảm ơn ạ', 'thanks'],
    ['cam on ad nhieu nha', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['ok', 'ack'],
    ['oke bạn', 'ack'],
    ['vâng ạ', 'ack'],
    ['dạ em hiểu rồi', 'ack'],
    ['👍', 'ack'],
    ['🙏🙏', 'ack'],
    ['bot ơi', 'attention'],
    ['có ai không', 'attention'],
    ['có', 'yes-no'],
    ['không ạ', 'yes-no'],
  ])('%s → %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it.each(['cảm ơn, cho hỏi bhxh tự nguyện đóng bao nhiêu', 'ok vậy đóng ở đâu', 'không đóng bảo hiểm có sao không', 'có được rút không', 'bhxh'])('is not small talk: %s', (text) => {
    expect(kind(text)).toBeNull();
  });
});
