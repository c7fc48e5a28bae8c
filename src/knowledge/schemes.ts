/**
 * The benefit scheme a message is about, when it names one: maternity, sickness, work accident, unemployment,
 * survivors, pension. A letter about a work accident that asks about "nghỉ dưỡng sức" wants the work-accident
 * recovery leave, not the one after giving birth, although the asked words match both equally. An entry whose
 * scheme the message does not name, when the message names another, is pushed down, so the scheme named
 * decides between the siblings (and, when nothing of that scheme matches, the answer turns into a question).
 * An entry's schemes are read from its own phrasings: those named in a good share of them.
 */
import { normalizeText } from '../text/normalize.js';

const MARKERS: Record<string, readonly string[][]> = {
  maternity: [['thai', 'san'], ['mang', 'thai'], ['sinh', 'con'], ['sau', 'sinh'], ['khi', 'sinh'], ['du', 'sinh'], ['sinh', 'mo'], ['sinh', 'doi'], ['say', 'thai'], ['nhan', 'nuoi'], ['co', 'thai'], ['co', 'bau'], ['sinh', 'em', 'be']],
  sickness: [['om', 'dau'], ['nghi', 'om'], ['bi', 'om'], ['con', 'om'], ['om']],
  accident: [['tai', 'nan'], ['tnld'], ['benh', 'nghe', 'nghiep']],
  unemployment: [['that', 'nghiep'], ['bhtn']],
  survivors: [['tu', 'tuat'], ['mai', 'tang'], ['qua', 'doi'], ['chet'], ['tu', 'vong'], ['mat', 'tai', 'cho']],
  pension: [['luong', 'huu'], ['nghi', 'huu'], ['ve', 'huu'], ['huu', 'tri']],
};
const SCHEMES = Object.keys(MARKERS);
/** An entry belongs to a scheme named in at least this share of its phrasings. */
const ENTRY_SHARE = 0.3;
/** The score kept by an entry of another scheme than the one the message names. */
export const OTHER_SCHEME_FACTOR = 0.85;

/** The schemes named in folded tokens, as a bit set. */
export function schemesIn(folded: readonly string[]): number {
  let bits = 0;
  SCHEMES.forEach((scheme, bit) => {
    const named = MARKERS[scheme]!.some((m) => {
      for (let i = 0; i + m.length <= folded.length; i++) if (m.every((w, j) => folded[i + j] === w)) return true;
      return false;
    });
    if (named) bits |= 1 << bit;
  });
  return bits;
}

/** Each entry's schemes (0 when its phrasings name none: a general entry, never pushed down). */
export function entrySchemes(entries: readonly { id: string; questions: readonly string[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const counts = new Array<number>(SCHEMES.length).fill(0);
    for (const q of e.questions) {
      const bits = schemesIn(normalizeText(q).folded);
      for (let b = 0; b < SCHEMES.length; b++) if (bits & (1 << b)) counts[b]!++;
    }
    let bits = 0;
    counts.forEach((n, b) => {
      if (n / Math.max(1, e.questions.length) >= ENTRY_SHARE) bits |= 1 << b;
    });
    out.set(e.id, bits);
  }
  return out;
}

/** Pushes down, in place, the matches of schemes the message does not name when it names one. */
export function favourNamedScheme<M extends { id: string; score: number }>(matches: M[], named: number, schemes: ReadonlyMap<string, number>): void {
  if (named === 0) return;
  for (const m of matches) {
    const own = schemes.get(m.id) ?? 0;
    if (own !== 0 && (own & named) === 0) m.score *= OTHER_SCHEME_FACTOR;
  }
}
