/** The benchmark's one table, as Markdown (it is pasted into the README as printed). */
export interface Row {
  what: string;
  ours: string;
  peers: string;
  ratio: string;
  target: string;
  met: string;
}

export function printTable(rows: readonly Row[]): void {
  const head = ['Measure', 'This project', 'Compared with', 'Ratio / gap', 'Target', 'Met'];
  const cells = rows.map((r) => [r.what, r.ours, r.peers, r.ratio, r.target, r.met]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  console.log(`\nmachine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
}
