/**
 * Start-up warm-up: a few messages of every shape the retriever meets (a short question, a letter with several
 * questions, English questions, long junk of unknown syllables and of repeated questions) go through it once
 * before traffic, so that the first citizen after a restart, or the first attacker, does not pay for compiling
 * those code paths (about 30 ms of a single message otherwise).
 */
import type { FaqIndex } from '../core/faq.js';

const SYLLABLES = 'qua ngh trie khuy thw oanh uyez bvk mpl gii'.split(' ');

function junk(words: number, size: number, seed: number): string {
  let s = seed;
  const next = () => (s = (s * 48271) % 2_147_483_647);
  return Array.from({ length: words }, () => Array.from({ length: size }, () => 'abcdeghiklmnopqrstuvxy'[next() % 22]).join('')).join(' ');
}

export function warmUp(faq: FaqIndex): void {
  const messages = [
    'bhxh tu nguyen dong bao nhieu',
    // English questions take their own reading (and the glossary's, when the English phrasings find nothing).
    'how much is voluntary soc ins per month',
    'Hello, I am a Korean engineer on a two-year contract in Hanoi. Does my company have to pay social insurance for me? Thanks!',
    'Kính gửi cơ quan BHXH, tôi đóng BHXH từ 2012 đến 8/2020 thì nghỉ việc. Tôi muốn hỏi có được rút một lần không? Nếu đóng tiếp tự nguyện thì mức đóng là bao nhiêu? Xin cảm ơn.',
    junk(50, 39, 11),
    junk(330, 5, 23).slice(0, 2000),
    Array.from({ length: 60 }, (_, i) => `${SYLLABLES[i % 10]}${junk(1, 3, i + 5)}, ${junk(1, 4, i + 7)} ${junk(1, 7, i + 9)}?`).join(' ').slice(0, 2000),
  ];
  for (const m of messages) faq.classify(m);
}
