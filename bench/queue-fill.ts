/**
 * Fills a data dir for the queue benchmark, as a month of use would: the review queue (bench/queue-data.ts,
 * stored as the bot stores it: redacted, folded), the daily counters of a busy month (every entry, topic, flow
 * step, feedback), questions sent to staff and changes staff made; then a staff account.
 */
import { hashPassword } from '../src/admin/auth/password.js';
import type { App } from '../src/app.js';
import { keptQuestion } from '../src/core/feedback.js';
import { shiftDay, vietnamDay, vietnamDayStart } from '../src/core/vietnam-calendar.js';
import { createSqliteMetricsSink, type MetricRow } from '../src/storage/sqlite/metrics-sink.js';
import { benchQueue } from './queue-data.js';

export const STAFF = { name: 'bench', password: 'bench-password-123' };

export interface Filled {
  questions: number;
  metricRows: number;
  requests: number;
}

export async function fillBenchData(app: App, questions: number): Promise<Filled> {
  const now = app.clock();
  const today = vietnamDay(now);
  const entries = app.knowledge.entries();
  let seed = 99;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

  const add = app.db.prepare(
    "INSERT INTO unanswered (text, folded, channel, created_at, nearest, user_key, kind, given) VALUES (?, ?, ?, ?, '[]', ?, ?, ?)",
  );
  const list = benchQueue(questions);
  app.db.transaction(() => {
    list.forEach((q, i) => {
      const kept = keptQuestion(q.text);
      const day = shiftDay(today, -q.daysAgo);
      const at = vietnamDayStart(day) + Math.floor(q.dayFraction * 86_400_000);
      const given = q.kind === 'fallback' ? null : entries[Math.floor(rand() * entries.length)]!.id;
      add.run(kept.text, kept.folded, q.channel, at, `bench-user-${i % 9_000}`, q.kind, given);
    });
  })();

  // Counters of a busy month: each day and channel, outcomes, every entry answered, topics, flow steps, feedback.
  const rows: MetricRow[] = [];
  const topics = [...new Set(entries.map((e) => e.topic))];
  const flowKeys = app.flows.flatMap((f) => ['flow-start', 'flow-complete'].map((metric) => ({ metric, key: f.id })).concat(Object.keys(f.steps).map((step) => ({ metric: 'flow-step', key: `${f.id}:${step}` }))));
  const n = () => 1 + Math.floor(rand() * 40);
  for (let d = 0; d < 30; d++) {
    const day = shiftDay(today, -d);
    for (const channel of ['web', 'telegram', 'zalo'] as const) {
      const put = (metric: string, key: string) => rows.push({ day, channel, metric, key, count: n() });
      put('conversation', 'started');
      for (const o of ['answer', 'clarify', 'fallback', 'flow', 'command', 'smalltalk']) put('message', o);
      for (const e of entries) put('entry', e.id);
      for (const t of topics) put('topic', t);
      for (const f of flowKeys) put(f.metric, f.key);
      for (const e of entries.filter((_, i) => i % 3 === 0)) (put('helpful', e.id), put('not-helpful', e.id));
      for (const a of ['all', 'informal', 'employee', 'farmer', 'student', 'retiree']) put('audience', a);
      put('handoff', 'talk-to-staff');
      put('none-fitted', 'clarify');
    }
  }
  createSqliteMetricsSink(app.db).add(rows);

  // Questions sent to staff (a few hundred, some answered), and changes staff made to the answers.
  const requests = 300;
  for (let i = 0; i < requests; i++) {
    const q = list[i]!;
    app.staffQueue.add({ question: keptQuestion(q.text).text, contact: i % 3 ? null : `09${String(10_000_000 + i * 7_919).slice(0, 8)}`, channel: q.channel, at: now - i * 600_000, userKey: `bench-staff-${i}` });
  }
  for (const r of app.staffQueue.list('new', 100).slice(0, 100)) app.staffQueue.setStatus(r.id, 'answered', now);
  for (let i = 0; i < 20; i++) app.knowledge.attach(entries[i]!.id, [`cách hỏi khác số ${i} của câu này`], STAFF.name, now - i * 3_600_000, i % 2 ? 'propose' : 'live');

  app.staffAccounts.add(STAFF.name, 'admin', await hashPassword(STAFF.password), now);
  return { questions: list.length, metricRows: rows.length, requests };
}
