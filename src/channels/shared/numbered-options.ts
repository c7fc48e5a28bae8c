/**
 * Buttons for channels that have none (Zalo, the terminal), rendered as numbered options. The typed answer
 * (number or words) is resolved by the core (core/offered-choice.ts), the same for every channel.
 */
import type { Button } from '../../core/types.js';

/** "1, 2 hoặc 3" with the joining word given by the caller (from the locale files). */
export function numberList(count: number, or: string): string {
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  return numbers.length <= 1 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} ${or} ${numbers.at(-1)}`;
}

/** The text followed by the options, one per line, and a hint such as "Trả lời số 1, 2 hoặc 3". */
export function renderNumbered(text: string, buttons: readonly Button[], hint: string): string {
  if (buttons.length === 0) return text;
  const lines = buttons.map((b, i) => `${i + 1}. ${b.label}`);
  return `${text}\n\n${lines.join('\n')}\n\n${hint}`;
}
