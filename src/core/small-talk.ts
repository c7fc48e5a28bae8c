/**
 * Small talk: thanks, "ok", "vâng", a bare yes or no with nothing open, "bot ơi", emojis. Each gets a short
 * polite reply (with the menu where it helps) and is counted as its own outcome; none is a question for staff.
 * Judged on the folded canonical tokens, so diacritics and teencode do not matter.
 */

/** What the small talk is; 'greeting' is a greeting in the middle of a conversation (the router knows). */
export type SmallTalk = 'thanks' | 'ack' | 'attention' | 'yes-no' | 'greeting';

const THANKS_WORDS = new Set(['cam', 'on', 'thank', 'thanks', 'tks', 'thankyou', 'thx', 'cmon', 'camon']);
const ACK = new Set([
  'ok', 'oke', 'okie', 'okela', 'okay', 'oki', 'okey', 'uh', 'uhm', 'um', 'u', 'uk', 'uki', 'vang', 'da', 'duoc', 'roi', 'hieu',
  'biet', 'tot', 'qua', 'hay', 'tuyet', 'voi', 'nhe', 'nha', 'a', 'ah', 'vay', 'the', 'ra', 'la', 'minh', 'em', 'toi', 'da', 'ro',
  'good', 'great', 'nice', 'cool', 'fine', 'sure', 'got', 'it', 'i', 'see', 'understood', 'alright', 'thoi', 'xong', 'het',
]);
/** Words that make an acknowledgement of the words above: at least one must be there. */
const ACK_CORE = new Set(['ok', 'oke', 'okie', 'okela', 'okay', 'oki', 'okey', 'uh', 'uhm', 'um', 'uk', 'uki', 'vang', 'da', 'hieu', 'ro', 'tot', 'tuyet', 'good', 'great', 'nice', 'cool', 'fine', 'understood', 'alright', 'got', 'see']);
const FILLERS = new Set(['ban', 'bot', 'ad', 'admin', 'em', 'anh', 'chi', 'a', 'ah', 'nhe', 'nha', 'nhieu', 'rat', 'lam', 'nhe', 'oi', 'tro', 'ly', 'you', 'very', 'much', 'so', 'xin', 'chan', 'thanh', 'minh', 'toi', 'da', 'vang', 'ok', 'nhe', 'ca', 'nha', 'nhung', 'thong', 'tin', 'huu', 'ich', 'giup', 'do', 'da', 'tu', 'van']);
const ATTENTION = new Set(['bot', 'ad', 'admin', 'oi', 'ai', 'co', 'khong', 'day', 'ban', 'em', 'anh', 'chi', 'tro', 'ly', 'alo', 'a', 'nhe', 'ne', 'o', 'dau', 'roi', 'hello', 'hi']);
const ATTENTION_CORE = [['bot', 'oi'], ['ad', 'oi'], ['admin', 'oi'], ['tro', 'ly', 'oi'], ['co', 'ai', 'khong'], ['co', 'ai', 'day', 'khong'], ['ban', 'oi'], ['alo']];
const YES_NO = new Set(['co', 'khong', 'yes', 'no', 'nope', 'yep', 'yeah', 'chua', 'phai', 'dung', 'sai', 'ko', 'k', 'hok', 'a', 'ah', 'nhe', 'roi', 'vang', 'da']);
const YES_NO_CORE = new Set(['co', 'khong', 'yes', 'no', 'nope', 'yep', 'yeah', 'chua', 'phai', 'dung', 'sai']);

const MAX_TOKENS = 8;
// Emoji, symbols and punctuation only ("👍", "🙏🙏", ":)", "^^").
const SYMBOLS_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Component}\p{P}\p{S}\s\u200d\ufe0f]+$/u;

const has = (folded: readonly string[], seq: readonly string[]) => folded.some((_, i) => seq.every((w, j) => folded[i + j] === w));

/** The kind of small talk a message is, or null for anything that may be a question. */
export function recogniseSmallTalk(raw: string, folded: readonly string[]): SmallTalk | null {
  if (folded.length === 0) return raw.trim() !== '' && SYMBOLS_ONLY.test(raw) ? 'ack' : null;
  if (folded.length > MAX_TOKENS) return null;
  const thanks = has(folded, ['cam', 'on']) || folded.some((w) => THANKS_WORDS.has(w) && w !== 'cam' && w !== 'on');
  if (thanks && folded.every((w) => THANKS_WORDS.has(w) || FILLERS.has(w) || ACK.has(w))) return 'thanks';
  if (folded.some((w) => ACK_CORE.has(w)) && folded.every((w) => ACK.has(w) || FILLERS.has(w))) return 'ack';
  if (ATTENTION_CORE.some((c) => has(folded, c)) && folded.every((w) => ATTENTION.has(w))) return 'attention';
  if (folded.length <= 3 && folded.some((w) => YES_NO_CORE.has(w)) && folded.every((w) => YES_NO.has(w))) return 'yes-no';
  return null;
}
