/**
 * "The review queue stays fast" (issue 16 item 6): with 50,000 queued questions, every console page answers in
 * under 200 ms and the bot's event loop is never blocked for more than 20 ms. A temp data dir is filled
 * (bench/queue-fill.ts); the service starts on it as `npm start` runs it (bench/queue-server.ts, its own
 * process, watching its event loop) and groups the whole queue in the background; then a staff member signs in
 * over HTTP on 127.0.0.1 and fetches each console page in turn while citizens chat with the bot, and the pages'
 * times and the longest event-loop delay of that window are reported; last, the biggest group is dismissed. `npm run bench` includes it; alone:
 * `npx tsx bench/queue.ts [--questions N]`. QUEUE_DEBUG=1 logs the service's late timer ticks with the requests
 * in flight; QUEUE_NODE_ARGS passes node options to it (e.g. "--cpu-prof").
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { groupQuestions } from '../src/admin/question-groups.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { freePort } from './e2e.js';
import { benchQueue } from './queue-data.js';
import { fillBenchData, STAFF, type Filled } from './queue-fill.js';
import { printTable, type Row } from './table.js';

const PAGE_TARGET_MS = 200;
const LOOP_TARGET_MS = 20;
const log = (m: string) => process.stderr.write(`${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signIn(url: string): Promise<string> {
  const form = await fetch(`${url}/admin/login`);
  const csrfCookie = (form.headers.getSetCookie().find((c) => c.startsWith('bhxh_login_csrf=')) ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ name: STAFF.name, password: STAFF.password, _csrf: token }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('bhxh_staff='))!.split(';')[0]!;
}

type Delay = { maxMs: number; p99Ms: number };
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function measureQueue(options: { questions?: number; rounds?: number } = {}): Promise<Row[]> {
  const prepared = await prepareQueue(options.questions ?? 50_000);
  try {
    return await measureConsole(prepared, options.rounds ?? 20);
  } finally {
    rmSync(prepared.dataDir, { recursive: true, force: true });
  }
}

export interface Prepared {
  dataDir: string;
  filled: Filled;
  /** What the old page did on each change of the queue: group its newest 2,000 questions (ms of CPU). */
  oldMs: number;
}

/** A data dir with the queue filled, not grouped yet (as after the upgrade that brings the stored grouping). */
export async function prepareQueue(questions: number): Promise<Prepared> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bhxh-queue-'));
  log(`queue: filling ${questions.toLocaleString('en')} questions…`);
  const app = createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', KNOWLEDGE_DIR: resolve('knowledge') }));
  const filled = await fillBenchData(app, questions);
  const newest = app.db.prepare("SELECT id, text, folded, channel, created_at AS createdAt FROM unanswered WHERE status = 'new' AND kind = 'fallback' ORDER BY created_at DESC LIMIT 2000").all() as never[];
  const t0 = performance.now();
  groupQuestions(newest);
  const oldMs = performance.now() - t0;
  app.close();
  return { dataDir, filled, oldMs };
}

/** The service started on the prepared data dir: grouping the queue, then each console page, the event loop. */
export async function measureConsole({ dataDir, filled, oldMs }: Prepared, rounds: number): Promise<Row[]> {
  const rows: Row[] = [];
  // The service, as `npm start` runs it, in its own process; beside it a process with the same watch running
  // only tasks of 5 ms every 10 ms (the machine's noise floor for a busy event loop). Both run at a higher
  // priority when allowed (nice -10): this machine's other load (and this benchmark's client) then delays them
  // less, so what is measured is mostly the service's own.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: resolve('knowledge'), LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', HTTP_RATE_LIMIT_PER_MINUTE: '0', WEB_NEW_CONVERSATIONS_PER_HOUR: '0' };
  const watched = (extra: Record<string, string>) => {
    const child = fork(resolve('bench/queue-server.ts'), [], { env: { ...env, ...extra }, execArgv: ['--import', 'tsx', ...(process.env.QUEUE_NODE_ARGS?.split(' ') ?? [])], stdio: ['ignore', process.env.QUEUE_DEBUG ? 'inherit' : 'ignore', 'inherit', 'ipc'] });
    let raised = false;
    try {
      setPriority(child.pid!, -10);
      raised = true;
    } catch {
      /* not allowed: normal priority */
    }
    const ask = <T>(m: string) => {
      const answer = new Promise<T>((ok) => child.once('message', (r) => ok(r as T)));
      child.send(m);
      return answer;
    };
    return { child, ask, raised };
  };
  const server = watched({});
  const calibration = watched({ QUEUE_FLOOR: '1' });
  try {
    for (let started = performance.now(); ; await sleep(50)) {
      if (performance.now() - started > 60_000) throw new Error('the service did not start');
      if ((await fetch(`${url}/health`).catch(() => undefined))?.ok) break;
    }

    // 1. The whole queue grouped by the service's grouper, from scratch, in the background.
    log('queue: the service groups the whole queue…');
    await Promise.all([server.ask('reset'), calibration.ask('reset')]);
    const since = performance.now();
    let state: { pending: number; groups: number };
    while ((state = await server.ask<{ pending: number; groups: number }>('pending')).pending > 0) await sleep(250);
    const groupS = (performance.now() - since) / 1000;
    const [bulk, bulkFloor] = await Promise.all([server.ask<Delay>('report'), calibration.ask<Delay>('report')]);
    rows.push({
      what: `grouping ${filled.questions.toLocaleString('en')} queued questions from scratch, in the service (in the background, after a start)`,
      ours: `${groupS.toFixed(1)} s (${Math.round(filled.questions / groupS).toLocaleString('en')} questions/s), ${state.groups.toLocaleString('en')} groups · event loop max ${bulk.maxMs.toFixed(1)} ms, p99 ${bulk.p99Ms.toFixed(1)} ms`,
      peers: `before: the newest 2,000 only, regrouped on each change (${oldMs.toFixed(0)} ms at once) · floor max ${bulkFloor.maxMs.toFixed(1)} ms`,
      ratio: '',
      target: `event loop max ≤ ${LOOP_TARGET_MS} ms`,
      met: bulk.maxMs <= LOOP_TARGET_MS ? 'yes' : 'NO',
    });
    await sleep(2_500); // a tick of the timer that works out the first pages' nearest answers

    const cookie = await signIn(url);
    const get = async (path: string) => {
      const s = performance.now();
      const r = await fetch(url + path, { headers: { cookie } });
      const body = await r.text();
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      return { ms: performance.now() - s, body };
    };
    const cold = await get('/admin/questions'); // the first view since the start
    const pages = Number(/Trang 1\/(\d+)/.exec(cold.body)?.[1] ?? 1);
    const pagesList: [string, string][] = [
      ['questions, first page', '/admin/questions'],
      [`questions, middle page (${Math.ceil(pages / 2)} of ${pages})`, `/admin/questions?page=${Math.ceil(pages / 2)}`],
      ['questions, last page', `/admin/questions?page=${pages}`],
      ['search, common words ("bao hiem")', '/admin/questions?q=bao%20hiem'],
      ['search, a place with diacritics ("Đà Nẵng")', `/admin/questions?q=${encodeURIComponent('Đà Nẵng')}`],
      ['search, two letters ("om")', '/admin/questions?q=om'],
      ['"answered but not right" tab', '/admin/questions?kind=misroute'],
      ['"answered with doubt" tab, page 2', '/admin/questions?kind=sampled&page=2'],
      ['dashboard, 30 days', '/admin/dashboard'],
      ['printable report', '/admin/report'],
      ['CSV export', '/admin/report.csv'],
      ['questions sent to staff', '/admin/requests'],
      ['knowledge changes', '/admin/knowledge'],
      ['answers (entries)', '/admin/entries'],
    ];
    log('queue: warming up…');
    for (let i = 0; i < 3; i++) for (const [, path] of pagesList) await get(path);

    // 2. Each page in turn, while citizens chat (some of their questions join the queue and are grouped).
    log(`queue: ${rounds} rounds of ${pagesList.length} pages, with chat traffic…`);
    await Promise.all([server.ask('reset'), calibration.ask('reset')]);
    let chatting = true;
    let chats = 0;
    const citizens = benchQueue(2_000, 7);
    const chat = (async () => {
      while (chatting) {
        const q = citizens[chats % citizens.length]!;
        await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: `citizen-${chats++}`, text: q.text }) });
        await sleep(40);
      }
    })();
    const times = new Map<string, number[]>(pagesList.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) for (const [name, path] of pagesList) times.get(name)!.push((await get(path)).ms);
    chatting = false;
    await chat;
    const [loop, noise] = await Promise.all([server.ask<Delay>('report'), calibration.ask<Delay>('report')]);

    for (const [name, list] of times) {
      const sorted = [...list].sort((a, b) => a - b);
      const max = sorted[sorted.length - 1]!;
      rows.push({
        what: `console: ${name}`,
        ours: `p50 ${quantile(sorted, 0.5).toFixed(1)} · p95 ${quantile(sorted, 0.95).toFixed(1)} · max ${max.toFixed(1)} ms`,
        peers: '',
        ratio: '',
        target: `< ${PAGE_TARGET_MS} ms`,
        met: max < PAGE_TARGET_MS ? 'yes' : 'NO',
      });
    }
    rows.push({
      what: 'console: questions, first page, its first view since the start',
      ours: `${cold.ms.toFixed(1)} ms`,
      peers: 'the nearest answers of first pages are worked out in the background after a start, and kept until the knowledge changes',
      ratio: '',
      target: `< ${PAGE_TARGET_MS} ms`,
      met: cold.ms < PAGE_TARGET_MS ? 'yes' : 'NO',
    });
    rows.push({
      what: `event loop while serving those ${rounds * pagesList.length} pages and ${chats} chat messages (monitorEventLoopDelay)`,
      ours: `max ${loop.maxMs.toFixed(1)} ms · p99 ${loop.p99Ms.toFixed(1)} ms`,
      peers: `floor (a process running only 5 ms tasks every 10 ms beside it): max ${noise.maxMs.toFixed(1)} ms · p99 ${noise.p99Ms.toFixed(1)} ms (${cpus().length} cores${server.raised ? ', both at nice -10' : ''}; ${filled.questions.toLocaleString('en')} queued, ${filled.metricRows.toLocaleString('en')} counter rows, ${filled.requests} staff requests)`,
      ratio: '',
      target: `max ≤ ${LOOP_TARGET_MS} ms`,
      met: loop.maxMs <= LOOP_TARGET_MS ? 'yes' : 'NO',
    });

    // 3. Dismissing the biggest group (its questions resolved 25 at a time), then the page again.
    const page = (await get('/admin/questions')).body;
    const ref = /name="group" value="(\d+:\d+)"/.exec(page)![1]!;
    const biggest = Number(/<strong>(\d+) lần hỏi<\/strong>/.exec(page)![1]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    await Promise.all([server.ask('reset'), calibration.ask('reset')]);
    const t0 = performance.now();
    const dismissed = await fetch(`${url}/admin/questions/dismiss`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ group: ref, reason: 'duplicate', _csrf: csrf }), redirect: 'manual' });
    if (dismissed.status !== 303) throw new Error(`dismiss: ${dismissed.status}`);
    const dismissMs = performance.now() - t0;
    const after = await get('/admin/questions');
    const [during, floorDuring] = await Promise.all([server.ask<Delay>('report'), calibration.ask<Delay>('report')]);
    rows.push({
      what: `console: dismissing the biggest group (${biggest.toLocaleString('en')} questions), then the first page`,
      ours: `${dismissMs.toFixed(0)} ms + ${after.ms.toFixed(1)} ms · event loop max ${during.maxMs.toFixed(1)} ms`,
      peers: `floor max ${floorDuring.maxMs.toFixed(1)} ms`,
      ratio: '',
      target: `event loop max ≤ ${LOOP_TARGET_MS} ms`,
      met: during.maxMs <= LOOP_TARGET_MS ? 'yes' : 'NO',
    });
  } finally {
    for (const c of [server.child, calibration.child]) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--questions');
  printTable(await measureQueue(at >= 0 ? { questions: Number(args[at + 1]) } : {}));
}
