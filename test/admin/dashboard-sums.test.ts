/** The dashboard reads its period as SQL sums, a few days at a time: the same figures as from every row. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/admin/dashboard-data.js';
import { dashboardOf } from '../../src/admin/routes/dashboard-routes.js';
import { shiftDay } from '../../src/core/vietnam-calendar.js';
import { openDatabase } from '../../src/storage/sqlite/database.js';
import { createSqliteMetricsSink } from '../../src/storage/sqlite/metrics-sink.js';

const flows = [{ id: 'calc', start: 'a', steps: { a: { next: 'b' }, b: {} } }];
const topicOf = (entry: string) => (entry.endsWith('1') ? 'voluntary' : 'health');
const row = fc.record({
  day: fc.integer({ min: 0, max: 40 }).map((d) => shiftDay('2026-11-01', d)),
  channel: fc.constantFrom('web' as const, 'telegram' as const, 'zalo' as const),
  metric: fc.constantFrom('conversation', 'message', 'entry', 'topic', 'flow-start', 'flow-step', 'helpful', 'not-helpful', 'handoff', 'audience'),
  key: fc.constantFrom('answer', 'fallback', 'clarify', 'e1', 'e2', 'started', 'calc', 'calc:a', 'calc:b', 'all'),
  count: fc.integer({ min: 1, max: 50 }),
});

describe('dashboard sums', () => {
  it('are those of all the rows of the period, whatever the period', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 200 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), async (rows, start, length) => {
        const db = openDatabase(':memory:');
        const sink = createSqliteMetricsSink(db);
        sink.add(rows);
        const from = shiftDay('2026-11-01', start);
        const to = shiftDay(from, length);
        expect(await dashboardOf(sink, from, to, flows, topicOf)).toEqual(buildDashboard(sink.rows(from, to), from, to, flows, topicOf));
        db.close();
      }),
      { seed: 20261216, numRuns: 100 },
    );
  });
});
