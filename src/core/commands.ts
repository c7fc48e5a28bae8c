/**
 * Recognises commands and escape words in what the user typed ("menu", "/help", "bắt đầu lại", "xin chào"),
 * on the folded canonical text so that diacritics and case do not matter.
 */
import type { Command } from './payload-codec.js';
import type { Language } from './types.js';

const PHRASES: Record<Command, string[]> = {
  start: ['/start', 'start', 'bat dau'],
  menu: ['/menu', 'menu', 'danh muc', 'muc luc', 'chu de', 'xem menu', 'mo menu', 'quay ve menu', 've menu'],
  help: ['/help', 'help', 'tro giup', 'huong dan', 'giup do', 'huong dan su dung', 'tro giup toi'],
  language: ['/lang', 'lang', 'language', 'ngon ngu', 'doi ngon ngu', 'chon ngon ngu'],
  restart: ['/restart', 'start over', 'bat dau lai', 'lam lai', 'reset', 'huy', 'thoat', 'huy bo', 'dung lai'],
  forget: ['/forget', 'forget me', 'xoa du lieu', 'xoa du lieu cua toi', 'quen toi', 'xoa thong tin cua toi', 'xoa lich su'],
  greeting: [],
  thanks: ['cam on', 'cam on ban', 'thanks', 'thank you', 'tks', 'thank', 'cam on nhieu', 'thanks you', 'ok cam on'],
};

const LANGUAGE_PHRASES: Record<string, Language> = {
  english: 'en',
  'tieng anh': 'en',
  'in english': 'en',
  'tieng viet': 'vi',
  vietnamese: 'vi',
};

const GREETING_WORDS = new Set(['xin', 'chao', 'hi', 'hello', 'alo', 'hey', 'helo', 'hii', 'halo', 'chao ban']);
const GREETING_FILLERS = new Set([
  'ban', 'bot', 'ad', 'admin', 'em', 'anh', 'chi', 'a', 'nhe', 'oi', 'moi', 'nguoi', 'buoi', 'sang', 'chieu', 'toi',
  'tro', 'ly', 'bao', 'hiem', 'xa', 'hoi', 'ca', 'nha', 'shop', 'ne', 'there', 'co', 'ai', 'khong', 'day',
]);

export type Recognised = { type: 'command'; command: Command } | { type: 'lang'; lang: Language } | null;

const BY_PHRASE = new Map<string, Command>();
for (const [command, phrases] of Object.entries(PHRASES) as [Command, string[]][]) {
  for (const p of phrases) BY_PHRASE.set(p, command);
}

/**
 * @param raw the text as typed (to see a leading "/")
 * @param folded the folded canonical tokens of the text
 */
export function recogniseCommand(raw: string, folded: readonly string[]): Recognised {
  const joined = folded.join(' ');
  const slash = raw.trim().toLowerCase().match(/^\/([a-z_]+)(?:@\w+)?/);
  if (slash) {
    const command = BY_PHRASE.get(`/${slash[1]}`);
    return command ? { type: 'command', command } : { type: 'command', command: 'help' };
  }
  const lang = LANGUAGE_PHRASES[joined];
  if (lang) return { type: 'lang', lang };
  const command = BY_PHRASE.get(joined);
  if (command) return { type: 'command', command };
  if (folded.length > 0 && folded.length <= 6 && folded.some((w) => GREETING_WORDS.has(w))) {
    if (folded.every((w) => GREETING_WORDS.has(w) || GREETING_FILLERS.has(w))) return { type: 'command', command: 'greeting' };
  }
  return null;
}
