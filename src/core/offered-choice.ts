/**
 * Resolves what a user typed against the buttons last offered: the option's number ("2", "số 2") or its words,
 * with or without diacritics. Channels without buttons (Zalo, the terminal) show options as a numbered list.
 */
import { fold } from '../text/fold.js';
import { cleanText } from '../text/normalize.js';
import type { Button } from './types.js';

const squash = (s: string) => fold(cleanText(s.slice(0, 200)).toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function resolveOffered(text: string, offered: readonly Button[]): string | null {
  if (offered.length === 0) return null;
  const typed = squash(text);
  if (!typed) return null;
  const n = /^(?:so |chon |chon so )?(\d{1,2})$/.exec(typed);
  if (n) return offered[Number(n[1]) - 1]?.payload ?? null;
  const same = offered.filter((b) => squash(b.label) === typed);
  return same.length === 1 ? same[0]!.payload : null;
}
