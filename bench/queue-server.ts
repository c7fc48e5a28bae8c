/**
 * The service as `npm start` runs it (createService, the configuration from the environment), with an
 * event-loop delay histogram (perf_hooks monitorEventLoopDelay: how late a 1 ms timer fires, which is what a
 * citizen's message waits) that the queue benchmark reads over IPC: 'reset' starts a window, 'report' answers
 * with its figures, 'pending' with the questions still to group. With QUEUE_DEBUG set, each delay over 15 ms
 * is logged with the requests in flight.
 * Started by bench/queue.ts only; with QUEUE_FLOOR set, no service: tasks of 5 ms every 10 ms and the histogram
 * (the machine's noise floor for a busy event loop).
 */
import diagnostics from 'node:diagnostics_channel';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig, readEnvironment } from '../src/config/config.js';
import { createService } from '../src/service.js';

const service = process.env.QUEUE_FLOOR ? undefined : createService(loadConfig(readEnvironment()));
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
if (process.env.QUEUE_DEBUG && service) {
  const inFlight = new Map<unknown, string>();
  diagnostics.subscribe('http.server.request.start', (m) => void inFlight.set((m as { request: { url: string } }).request, (m as { request: { url: string } }).request.url));
  diagnostics.subscribe('http.server.response.finish', (m) => void inFlight.delete((m as { request: unknown }).request));
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 15) process.stderr.write(`late ${(now - last).toFixed(1)} ms, in flight: ${[...inFlight.values()].join(' | ')}\n`);
    last = now;
  }, 1).unref();
}

process.on('message', (m) => {
  if (m === 'reset') {
    delay.reset();
    process.send?.({ reset: true });
  } else if (m === 'pending' && service) {
    const n = (sql: string) => (service.app.db.prepare(sql).get() as { n: number }).n;
    process.send?.({ pending: n("SELECT COUNT(*) AS n FROM unanswered WHERE form_id IS NULL AND status = 'new'"), groups: n('SELECT SUM(groups) AS n FROM queue_counts') });
  } else if (m === 'report') {
    process.send?.({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 });
  }
});
process.on('SIGTERM', () => void (service?.stop() ?? Promise.resolve()).then(() => process.exit(0)));
if (service) await service.start();
else {
  // The machine's noise floor for a busy event loop: nothing but tasks of 5 ms every 10 ms, so any delay over
  // about 5 ms here is the machine's (other processes, the hypervisor), not the code's.
  setInterval(() => {
    for (const t0 = performance.now(); performance.now() - t0 < 5; );
  }, 10);
}
