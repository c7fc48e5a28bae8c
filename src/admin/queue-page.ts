/**
 * What a page of the review queue shows of each group, read from the stored figures: the title (the wording
 * with the most diacritics, the most recent among equals), the most frequent wordings, channels, first and last
 * seen, what the bot gave, the question ids of a small group; the search, over ranges of question ids; the
 * questions of a group an action names. Long reads pause every `SLICE_MS` so that the bot keeps answering.
 */
import type { Channel, QueueKind } from '../core/types.js';
import type { GroupRow, MemberRow, SqliteQueueGroups } from '../storage/sqlite/queue-groups.js';
import type { QuestionGroup } from './question-groups.js';
import { breather } from './event-loop-slices.js';
import { searchText } from './queue-grouper.js';

export type QueueReader = Pick<
  SqliteQueueGroups,
  'group' | 'formsOfGroup' | 'members' | 'maxQuestionId' | 'searchRange' | 'scanRange' | 'title' | 'wordings' | 'hasTag' | 'given'
>;

export interface StoredGroup extends QuestionGroup {
  /** Names the group in a form: "groupId:maxId", so that an action takes no question asked after the page. */
  ref: string;
  /** The entries the bot gave (misroutes and samples), most recent first. */
  given: string[];
  /** Distinct wordings (only the most frequent are in `wordings`). */
  wordingCount: number;
}

/** Groups small enough have their question ids in the page (and the tests' forms); bigger ones only their ref. */
export const IDS_IN_PAGE = 100;
const SLICE_MS = 5;
/** Wordings listed under a group. */
export const WORDINGS_SHOWN = 20;
const CHANNELS: readonly Channel[] = ['console', 'telegram', 'web', 'zalo'];
const CHUNK = 500;
/** Question ids searched at once (a range, so that one query stays short whatever matches). */
const SEARCH_RANGE = 2_500;

/** Calls `each` on the group's open questions with id ≤ upTo, pausing between slices. */
async function eachMember(store: QueueReader, groupId: number, upTo: number, each: (m: MemberRow) => void): Promise<void> {
  const breathe = breather(SLICE_MS);
  for (const form of store.formsOfGroup(groupId)) {
    for (let after = 0; ; ) {
      const rows = store.members(form, after, upTo, CHUNK);
      for (const m of rows) each(m);
      await breathe();
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1]!.id;
    }
  }
}

/** The open questions of a group ref ("groupId:maxId") as posted back by a page. */
export async function membersOfRef(store: QueueReader, ref: string): Promise<{ id: number; text: string }[]> {
  const m = /^(\d{1,15}):(\d{1,15})$/.exec(ref.trim());
  if (!m) return [];
  const out: { id: number; text: string }[] = [];
  await eachMember(store, Number(m[1]), Number(m[2]), (q) => void out.push({ id: q.id, text: q.text }));
  return out;
}

/** What a page shows of a group: a few indexed reads, whatever the group's size. */
export async function describeGroup(store: QueueReader, row: GroupRow): Promise<StoredGroup> {
  const ids: { id: number; at: number }[] = [];
  if (row.open <= IDS_IN_PAGE) await eachMember(store, row.id, row.lastId, (m) => void ids.push({ id: m.id, at: m.createdAt }));
  return {
    text: store.title(row.id),
    ids: ids.sort((a, b) => b.at - a.at || b.id - a.id).map((x) => x.id),
    ref: `${row.id}:${row.lastId}`,
    wordings: store.wordings(row.id, WORDINGS_SHOWN),
    wordingCount: row.texts,
    count: row.open,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    channels: CHANNELS.filter((c) => store.hasTag(row.id, `channel:${c}`)),
    given: store.given(row.id, 10),
  };
}

/**
 * The groups of a kind with a wording containing the query (folded, no diacritics), in page order. Three
 * letters or more are found through the trigram index; one or two by scanning, range by range.
 */
export async function searchGroups(store: QueueReader, kind: QueueKind, query: string): Promise<GroupRow[]> {
  const needle = searchText(query).trim();
  const top = store.maxQuestionId();
  const found = new Set<number>();
  const indexed = [...needle].length >= 3;
  const breathe = breather(SLICE_MS);
  for (let from = 0; from < top; from += SEARCH_RANGE) {
    const upTo = Math.min(top, from + SEARCH_RANGE);
    for (const g of indexed ? store.searchRange(kind, needle, from, upTo) : store.scanRange(kind, needle, from, upTo)) found.add(g);
    await breathe();
  }
  const rows: GroupRow[] = [];
  for (const id of found) {
    const row = store.group(id);
    if (row) rows.push(row);
    if (rows.length % 256 === 0) await breathe();
  }
  return rows.sort((a, b) => b.open - a.open || b.lastSeen - a.lastSeen || b.id - a.id);
}
