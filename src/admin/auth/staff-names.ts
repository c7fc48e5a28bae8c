/**
 * Staff account names: Latin letters (Vietnamese ones included), digits 0–9, dots, underscores, hyphens, 2–64
 * characters, so that a Cyrillic "а" cannot make "lаn" look like "lan"; and no name that reads the same as an
 * existing one once case and diacritics are set aside ("Lan", "lân" beside "lan").
 */
import { fold } from '../../text/fold.js';

export const NAME_PATTERN = /^[\p{Script=Latin}0-9._-]{2,64}$/u;

/** How a name reads: lower case, without diacritics (đ as d). */
export const nameSkeleton = (name: string) => fold(name.normalize('NFC')).toLowerCase();

export type NameProblem = 'bad-name' | 'look-alike';

export function staffNameProblem(name: string, existing: readonly string[]): NameProblem | null {
  if (name !== name.normalize('NFC') || !NAME_PATTERN.test(name)) return 'bad-name';
  const skeleton = nameSkeleton(name);
  return existing.some((e) => e !== name && nameSkeleton(e) === skeleton) ? 'look-alike' : null;
}
