/**
 * Charts drawn on the server as inline SVG: no script, no CDN, readable on a phone, printable. Each chart
 * carries a title and a text description for screen readers; the figures are also in the tables beside them.
 */
import { escape, trusted, type Html } from './html.js';

export const PALETTE = ['#1b6ec2', '#e07b00', '#2e9d5b', '#b23b3b', '#7a4fb5', '#5d6d7e', '#c0a000'];

export interface Series {
  name: string;
  values: number[];
}

const W = 640;
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('vi-VN') : n.toFixed(1));

const LEGEND_ROW = 18;

/** Legend items laid out in rows that fit the chart's width. */
function legendLayout(names: readonly string[]): { x: number; row: number }[] {
  let x = 10;
  let row = 0;
  return names.map((name) => {
    const width = 24 + name.length * 7;
    if (x + width > W && x > 10) {
      x = 10;
      row++;
    }
    const at = { x, row };
    x += width;
    return at;
  });
}

function frame(title: string, desc: string, plotHeight: number, body: string, legend: readonly string[] = []): Html {
  const layout = legendLayout(legend);
  const rows = legend.length ? Math.max(...layout.map((l) => l.row)) + 1 : 0;
  const height = plotHeight + rows * LEGEND_ROW;
  const legendSvg = legend
    .map((name, i) => `<g transform="translate(${layout[i]!.x},${plotHeight + layout[i]!.row * LEGEND_ROW})"><rect width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/><text x="18" y="11" font-size="12">${escape(name)}</text></g>`)
    .join('');
  return trusted(
    `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escape(title)}</title><desc>${escape(desc)}</desc>${body}${legendSvg}</svg>`,
  );
}

/** Columns per day, stacked by series (e.g. conversations per day by channel). */
export function stackedColumns(title: string, days: readonly string[], series: readonly Series[]): Html {
  const height = 214;
  const plotH = 170;
  const top = 12;
  const left = 40;
  const totals = days.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (W - left - 10) / Math.max(1, days.length);
  const barW = Math.max(2, step * 0.7);
  let body = `<line x1="${left}" y1="${top + plotH}" x2="${W - 10}" y2="${top + plotH}" stroke="#999"/>`;
  body += `<text x="4" y="${top + 10}" font-size="11">${fmt(max)}</text><text x="4" y="${top + plotH}" font-size="11">0</text>`;
  days.forEach((day, i) => {
    let y = top + plotH;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return;
      const h = (v / max) * plotH;
      y -= h;
      body += `<rect x="${(left + i * step).toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escape(`${day} · ${s.name}: ${fmt(v)}`)}</title></rect>`;
    });
    const every = Math.ceil(days.length / 8);
    if (i % every === 0) body += `<text x="${(left + i * step).toFixed(1)}" y="${top + plotH + 14}" font-size="10">${escape(day.slice(5))}</text>`;
  });
  const desc = series.map((s) => `${s.name}: ${fmt(s.values.reduce((a, b) => a + b, 0))}`).join('; ');
  return frame(title, desc, height, body, series.map((s) => s.name));
}

/** A line of percentages per day (e.g. the fallback rate). */
export function percentLine(title: string, days: readonly string[], values: readonly (number | null)[]): Html {
  const height = 180;
  const plotH = 130;
  const top = 12;
  const left = 40;
  const step = (W - left - 10) / Math.max(1, days.length - 1);
  const points = values
    .map((v, i) => (v === null ? null : `${(left + i * step).toFixed(1)},${(top + plotH - v * plotH).toFixed(1)}`))
    .filter((p): p is string => p !== null);
  let body = `<line x1="${left}" y1="${top + plotH}" x2="${W - 10}" y2="${top + plotH}" stroke="#999"/><text x="4" y="${top + 10}" font-size="11">100%</text><text x="4" y="${top + plotH}" font-size="11">0%</text>`;
  if (points.length > 1) body += `<polyline fill="none" stroke="${PALETTE[3]}" stroke-width="2" points="${points.join(' ')}"/>`;
  for (const p of points) body += `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${PALETTE[3]}"/>`;
  const known = values.filter((v): v is number => v !== null);
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  return frame(title, `${(mean * 100).toFixed(1)}%`, height, body);
}

/** Horizontal bars, largest first (top topics, funnels, audiences). */
export function horizontalBars(title: string, items: readonly { label: string; value: number }[], colour = PALETTE[0]!): Html {
  const rowH = 22;
  const labelW = 250;
  const height = Math.max(40, items.length * rowH + 10);
  const max = Math.max(1, ...items.map((i) => i.value));
  let body = '';
  items.forEach((item, k) => {
    const y = 5 + k * rowH;
    const w = (item.value / max) * (W - labelW - 60);
    const label = item.label.length > 38 ? `${item.label.slice(0, 37)}…` : item.label;
    body += `<text x="4" y="${y + 14}" font-size="12">${escape(label)}</text><rect x="${labelW}" y="${y + 3}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 8}" fill="${colour}"><title>${escape(`${item.label}: ${fmt(item.value)}`)}</title></rect><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 14}" font-size="12">${fmt(item.value)}</text>`;
  });
  return frame(title, items.map((i) => `${i.label}: ${fmt(i.value)}`).join('; '), height, body);
}
