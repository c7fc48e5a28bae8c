/**
 * The grouper's index of letter pairs, in memory: which groups a new form (a distinct folded wording) is
 * similar to (letter-pair Dice ≥ the threshold with at least one of their forms), found without comparing it
 * with every form. Prefix filtering, as `similarPairs` does it: each pair, counted with its multiplicity, is an
 * element; the elements are ranked once, rarest first (by how many live forms had them when the index was
 * built; an element first seen later ranks rarer than all, and keeps its rank); two forms that similar share
 * one of the |x| − ⌈j·|x|⌉ + 1 lowest-ranked elements of each (j = t/(2−t), the Jaccard bound), so only those
 * prefixes are indexed and probed; the positions of the shared elements bound what a candidate can still share
 * (positional filtering, as in PPJoin), and a candidate whose group is already found is not compared. Exact: the
 * groups are those of `groupQuestions`, whatever the order forms came in. Removed forms leave the posting lists
 * lazily.
 */
/** Per kind: for each element, the forms (slots) with it in their prefix and its position there. */
type Ints = Int32Array<ArrayBuffer>;

interface Shard {
  postings: Map<number, number[]>;
  /** The slots of each group's live forms. */
  groups: Map<number, Set<number>>;
}

export class PairIndex {
  private readonly codes = new Map<string, number>();
  private readonly rank: number[] = [];
  private readonly counted: number[] = [];
  private nextRare = -1;
  private readonly shards = new Map<string, Shard>();
  // Forms by slot, and groups by slot (dense, so that a probe keeps its state in typed arrays): a form's ranks,
  // their number (0 once removed), its group's slot and kind; a group's id.
  private readonly ranks: Int32Array[] = [];
  private length: Ints = new Int32Array(1_024);
  private groupSlot: Ints = new Int32Array(1_024);
  private readonly kindOf: string[] = [];
  private readonly slotOf = new Map<number, number>();
  private readonly groupIds: number[] = [];
  private readonly groupSlotOf = new Map<number, number>();
  private shared: Ints = new Int32Array(1_024);
  private stamp: Ints = new Int32Array(1_024);
  private found: Ints = new Int32Array(1_024);
  private probes = 0;
  /** Forms removed since the index was built, some still in posting lists: past a bound, it is rebuilt. */
  removed = 0;
  /** Live forms, and forms counted for the ranking: once the forms have much grown, the ranking is stale. */
  size = 0;
  rankedWith = 0;

  private elements(folded: string): number[] {
    const s = folded.replace(/\s+/g, ' ');
    const seen = new Map<string, number>();
    const out: number[] = [];
    for (let i = 0; i + 1 < s.length; i++) {
      const p = s.slice(i, i + 2);
      const k = seen.get(p) ?? 0;
      seen.set(p, k + 1);
      const key = `${p}#${k}`;
      let c = this.codes.get(key);
      if (c === undefined) this.codes.set(key, (c = this.codes.size));
      out.push(c);
    }
    return out;
  }

  /** While building: counts a form's elements, for the ranking `freeze` fixes. */
  count(folded: string): void {
    this.rankedWith++;
    for (const c of this.elements(folded)) this.counted[c] = (this.counted[c] ?? 0) + 1;
  }

  /** Ranks the elements counted so far, rarest first; the ranks never change afterwards. */
  freeze(): void {
    const known = [...this.codes.values()].filter((c) => this.rank[c] === undefined);
    known.sort((a, b) => (this.counted[a] ?? 0) - (this.counted[b] ?? 0) || a - b);
    known.forEach((c, r) => (this.rank[c] = r));
    this.counted.length = 0;
  }

  /** A form's elements as sorted ranks. */
  ranksOf(folded: string): Int32Array {
    return Int32Array.from(this.elements(folded), (c) => (this.rank[c] ??= this.nextRare--)).sort();
  }

  private shard(kind: string): Shard {
    let s = this.shards.get(kind);
    if (!s) this.shards.set(kind, (s = { postings: new Map(), groups: new Map() }));
    return s;
  }

  private static prefix(n: number, threshold: number): number {
    const jaccard = threshold / (2 - threshold);
    return Math.min(n, n - Math.ceil(jaccard * n - 1e-9) + 1);
  }

  private static grown(a: Ints, n: number): Ints {
    if (n < a.length) return a;
    const b = new Int32Array(Math.max(n + 1, a.length * 2));
    b.set(a);
    return b;
  }

  private slotOfGroup(group: number): number {
    let g = this.groupSlotOf.get(group);
    if (g === undefined) {
      this.groupSlotOf.set(group, (g = this.groupIds.length));
      this.groupIds.push(group);
      this.found = PairIndex.grown(this.found, g);
    }
    return g;
  }

  add(kind: string, formId: number, group: number, ranks: Int32Array, threshold: number): void {
    if (this.slotOf.has(formId)) return;
    const s = this.shard(kind);
    const slot = this.ranks.length;
    this.slotOf.set(formId, slot);
    this.ranks.push(ranks);
    this.length = PairIndex.grown(this.length, slot);
    this.groupSlot = PairIndex.grown(this.groupSlot, slot);
    this.shared = PairIndex.grown(this.shared, slot);
    this.stamp = PairIndex.grown(this.stamp, slot);
    this.length[slot] = ranks.length;
    this.groupSlot[slot] = this.slotOfGroup(group);
    this.kindOf.push(kind);
    this.size++;
    let members = s.groups.get(group);
    if (!members) s.groups.set(group, (members = new Set()));
    members.add(slot);
    for (let k = 0; k < PairIndex.prefix(ranks.length, threshold); k++) {
      const list = s.postings.get(ranks[k]!);
      if (list) list.push(slot, k);
      else s.postings.set(ranks[k]!, [slot, k]);
    }
  }

  /** Forgets a form (idempotent); its slot leaves the posting lists as they are next read. */
  remove(kind: string, formId: number): void {
    const slot = this.slotOf.get(formId);
    if (slot === undefined || this.kindOf[slot] !== kind) return;
    const group = this.groupIds[this.groupSlot[slot]!]!;
    const members = this.shards.get(kind)?.groups.get(group);
    members?.delete(slot);
    if (members?.size === 0) this.shards.get(kind)!.groups.delete(group);
    this.slotOf.delete(formId);
    this.length[slot] = 0;
    this.ranks[slot] = new Int32Array(0);
    this.size--;
    this.removed++;
  }

  /** Group `from`'s forms now belong to group `into`. */
  merge(kind: string, into: number, from: number): void {
    const s = this.shards.get(kind);
    const moving = s?.groups.get(from);
    if (!s || !moving || into === from) return;
    let target = s.groups.get(into);
    if (!target) s.groups.set(into, (target = new Set()));
    const g = this.slotOfGroup(into);
    for (const slot of moving) {
      this.groupSlot[slot] = g;
      target.add(slot);
    }
    s.groups.delete(from);
    this.groupSlotOf.delete(from);
  }

  /** The groups of the kind with a live form whose similarity with `x` (sorted ranks) reaches the threshold. */
  similarGroups(kind: string, x: Int32Array, threshold: number): Set<number> {
    const out = new Set<number>();
    const s = this.shards.get(kind);
    if (!s || x.length === 0) return out;
    const jaccard = threshold / (2 - threshold);
    const shortest = jaccard * x.length - 1e-9;
    const longest = x.length / jaccard + 1e-9;
    // Shared elements seen so far in the prefixes, per candidate (valid where stamp = this probe); -1 once it
    // cannot reach the threshold. Both sets are sorted by rank, so a match at positions (i, p) leaves at most
    // min(|x|−i−1, |y|−p−1) more to share. A group is found (found = this probe) once one of its forms is.
    const probe = ++this.probes;
    const { shared, stamp, found, length, groupSlot, ranks } = this;
    const candidates: number[] = [];
    for (let i = 0; i < PairIndex.prefix(x.length, threshold); i++) {
      const list: number[] | undefined = s.postings.get(x[i]!);
      if (!list) continue;
      let kept = 0;
      for (let r = 0; r < list.length; r += 2) {
        const slot = list[r]!;
        const ny = length[slot]!;
        if (ny === 0) continue; // removed: dropped from the list
        const p = list[r + 1]!;
        list[kept++] = slot;
        list[kept++] = p;
        if (found[groupSlot[slot]!] === probe) continue;
        let a = 0;
        if (stamp[slot] === probe) a = shared[slot]!;
        else {
          stamp[slot] = probe;
          candidates.push(slot);
        }
        if (a < 0) continue;
        const need = Math.ceil((threshold * (x.length + ny)) / 2 - 1e-9);
        shared[slot] = ny >= shortest && ny <= longest && a + 1 + Math.min(x.length - i - 1, ny - p - 1) >= need ? a + 1 : -1;
      }
      if (kept === 0) s.postings.delete(x[i]!);
      else list.length = kept;
    }
    for (const slot of candidates) {
      const g = groupSlot[slot]!;
      if (shared[slot]! <= 0 || found[g] === probe) continue;
      const y = ranks[slot]!;
      const need = Math.ceil((threshold * (x.length + y.length)) / 2 - 1e-9);
      let n = 0;
      for (let i = 0, j = 0; i < x.length && j < y.length && n + Math.min(x.length - i, y.length - j) >= need; ) {
        if (x[i] === y[j]) (n++, i++, j++);
        else if (x[i]! < y[j]!) i++;
        else j++;
      }
      if (n >= need) {
        found[g] = probe;
        out.add(this.groupIds[g]!);
      }
    }
    return out;
  }
}
