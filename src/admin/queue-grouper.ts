/**
 * Groups the review queue incrementally, in the background: each question not grouped yet joins the group of
 * the live forms similar to its folded form (letter-pair Dice ≥ SIMILAR, found through the pair index); a
 * question linking several groups merges them (single linkage, as `groupQuestions`: the same groups whatever
 * the order questions came in). The result is stored (queue_forms, queue_groups), so that a console page reads
 * groups from SQL and never regroups the queue. Work runs in transactions of at most `sliceMs` each (and a
 * bounded step of merging the search index's segments), between which the event loop runs (the bot keeps
 * answering). The index lives in memory: it is rebuilt from the live
 * forms, in slices too, when the process starts.
 */
import type { QueueKind } from '../core/types.js';
import type { PendingQuestion, SqliteQueueGroups } from '../storage/sqlite/queue-groups.js';
import { fold } from '../text/fold.js';
import { pause } from './event-loop-slices.js';
import { PairIndex } from './group-index.js';
import { marks, SIMILAR } from './question-groups.js';

/** A question's text as the console's search compares it: lower case, no diacritics. */
export const searchText = (text: string) => fold(text.toLowerCase());

export type GrouperStore = Pick<
  SqliteQueueGroups,
  | 'transaction'
  | 'pending'
  | 'hasPending'
  | 'pendingCount'
  | 'form'
  | 'group'
  | 'newGroup'
  | 'newForm'
  | 'merge'
  | 'assign'
  | 'tidySearch'
  | 'liveForms'
  | 'hasGone'
  | 'takeGone'
>;

export interface QueueGrouper {
  /**
   * Starts grouping if need be and waits for it: until done when at most `allUpTo` questions are to group, else
   * at most `ms`. Resolves with the questions of `kind` still to group.
   */
  catchUp(kind: QueueKind, wait: { allUpTo: number; ms: number }): Promise<number>;
  /** Groups everything pending, however long it takes (sliced all the same). */
  settle(): Promise<void>;
  /** Looks for new questions every `everyMs` (and builds the index now). */
  start(everyMs: number): void;
  stop(): void;
}

/** Forms gone dropped from the index in one transaction. */
const GONE_AT_ONCE = 500;
/** Pages of the search index merged at a time (a few milliseconds). */
const TIDY_PAGES = 16;

export function createQueueGrouper(store: GrouperStore, options: { sliceMs?: number; threshold?: number; onError?: (err: unknown) => void } = {}): QueueGrouper {
  const sliceMs = options.sliceMs ?? 4;
  const threshold = options.threshold ?? SIMILAR;
  let index: PairIndex | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let failed: unknown;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;

  /** Reads the live forms in slices: once to rank the letter pairs, once to index them. */
  async function build(): Promise<PairIndex> {
    const fresh = new PairIndex();
    while (store.takeGone(GONE_AT_ONCE).length > 0) await pause(); // forms already gone are not read below
    const forms: ReturnType<GrouperStore['liveForms']> = [];
    for (let after = 0, t0 = performance.now(); ; ) {
      const batch = store.liveForms(after, 500);
      for (const f of batch) fresh.count(f.folded);
      forms.push(...batch);
      if (batch.length < 500) break;
      after = batch[batch.length - 1]!.id;
      if (performance.now() - t0 > sliceMs) {
        await pause();
        if (stopped) throw new Error('stopped');
        t0 = performance.now();
      }
    }
    fresh.freeze();
    for (let i = 0, t0 = performance.now(); i < forms.length; i++) {
      const f = forms[i]!;
      fresh.add(f.kind, f.id, f.groupId, fresh.ranksOf(f.folded), threshold);
      if (performance.now() - t0 > sliceMs) {
        await pause();
        if (stopped) throw new Error('stopped');
        t0 = performance.now();
      }
    }
    return fresh;
  }

  function assign(ix: PairIndex, q: PendingQuestion): void {
    const known = store.form(q.kind, q.folded);
    let formId = known?.id;
    let target = known?.groupId;
    if (formId === undefined || target === undefined) {
      const ranks = ix.ranksOf(q.folded);
      const groups: [number, number][] = [];
      for (const g of ix.similarGroups(q.kind, ranks, threshold)) groups.push([g, store.group(g)?.open ?? 0]);
      // The biggest group takes the others in: the fewest forms move.
      groups.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      target = groups.length ? groups[0]![0] : store.newGroup(q.kind);
      for (const [g] of groups.slice(1)) {
        store.merge(target, g);
        ix.merge(q.kind, target, g);
      }
      formId = store.newForm(q.kind, q.folded, target);
      ix.add(q.kind, formId, target, ranks, threshold);
    }
    store.assign(q, formId, target, searchText(q.text), marks(q.text));
  }

  /**
   * One transaction: forms gone dropped from the index, or else pending questions grouped until the slice is
   * used. Returns how many; 0 when there was nothing to do or another process holds the database (a read first,
   * so that an idle queue takes no write lock).
   */
  function batch(ix: PairIndex): number {
    // Forms gone leave the index first, a bounded number at a time (a big group resolved leaves thousands), so
    // that no question is compared with them.
    if (store.hasGone()) {
      const dropped = store.transaction(() => {
        const gone = store.takeGone(GONE_AT_ONCE);
        for (const g of gone) ix.remove(g.kind, g.formId);
        return gone.length;
      });
      busy = dropped === undefined;
      return dropped ?? 0;
    }
    if (!store.hasPending()) return 0;
    const grouped = store.transaction(() => {
      const t0 = performance.now();
      let done = 0;
      for (const q of store.pending(64)) {
        assign(ix, q);
        done++;
        if (performance.now() - t0 > sliceMs) break;
      }
      if (done > 0) store.tidySearch(TIDY_PAGES);
      return done;
    });
    busy = grouped === undefined;
    return grouped ?? 0;
  }

  /**
   * The index is rebuilt (in slices) when many forms removed since leave dead ids in posting lists, or when the
   * forms have much grown since the letter pairs were ranked (a stale ranking makes long posting lists).
   */
  const stale = (ix: PairIndex) => ix.removed > 20_000 || ix.size > 2 * ix.rankedWith + 1_000;

  async function loop(): Promise<void> {
    while (again && !stopped) {
      again = false;
      try {
        if (index && stale(index)) index = undefined;
        index ??= await build();
        while (!stopped && !stale(index) && batch(index) > 0) await pause();
        if (stale(index)) again = true;
        // Then the search index's segments merged, a few pages at a time, while there is some to do.
        for (let n = 0; n < 100 && !stopped && !again && store.transaction(() => store.tidySearch(TIDY_PAGES)); n++) await pause();
      } catch (err) {
        index = undefined; // a transaction rolled back may have left the index ahead of the database
        failed = err;
        if (!stopped) options.onError?.(err);
        return;
      }
    }
  }

  function kick(): Promise<void> {
    again = true;
    running ??= loop().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    async catchUp(kind, wait) {
      if (!store.hasPending()) return 0;
      if (store.pendingCount() <= wait.allUpTo) {
        await kick();
        return store.pendingCount(kind);
      }
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([kick(), new Promise<void>((resolve) => (timeout = setTimeout(resolve, wait.ms)))]);
      clearTimeout(timeout);
      return store.pendingCount(kind);
    },
    async settle() {
      while (!stopped && (store.hasPending() || running)) {
        failed = undefined;
        await kick();
        if (failed) throw failed;
        if (busy) throw new Error('the database is locked by another process');
      }
    },
    start(everyMs) {
      stopped = false;
      void kick();
      timer = setInterval(() => void kick(), everyMs);
      timer.unref();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
