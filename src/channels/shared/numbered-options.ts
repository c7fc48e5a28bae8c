/**
 * Buttons for channels that have none (Zalo, the terminal): rendered as numbered options, and a typed answer
 * (the number, the option's words, or its words without diacritics) resolved back to the button's payload.
 */
import type { Button } from '../../core/types.js';
import { fold } from '../../text/fold.js';
import { cleanText } from '../../text/normalize.js';

const squash = (s: string) => fold(cleanText(s).toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

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

/** The payload chosen by a typed answer, or null when the text is not one of the options. */
export function resolveNumbered(input: string, buttons: readonly Button[]): string | null {
  if (buttons.length === 0) return null;
  const typed = squash(input);
  if (!typed) return null;
  const n = /^(?:so |số )?(\d{1,2})$/.exec(typed);
  if (n) {
    const i = Number(n[1]) - 1;
    return buttons[i]?.payload ?? null;
  }
  const exact = buttons.filter((b) => squash(b.label) === typed);
  if (exact.length === 1) return exact[0]!.payload;
  return null;
}
