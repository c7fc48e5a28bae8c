/**
 * `npm run load`: the bot under load, as its own process on 127.0.0.1 in webhook mode (fake Telegram and Zalo
 * APIs take its replies). autocannon drives POST /api/chat, then each webhook route, then all three at once,
 * with rotating real-style Vietnamese messages (the evaluation set, as typed, without diacritics and noisy)
 * from 2,000 users a route; one webhook update in ten is a redelivery of one already acknowledged. Afterwards
 * the bot is stopped with SIGTERM and its database is read: every update acknowledged as handled must have been
 * claimed once and counted once, and every reply must have left the outbox.
 * Options: --seconds N (each phase, default 10), --connections N (default 50).
 */
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/app.js';
import { loadQuestionSet } from '../../src/knowledge/quality/evaluation.js';
import { printTable, type Row } from '../table.js';
import { deliver, numberOption, settle, startBot, startFakes, telegramUpdate, WEBHOOK, zaloUpdate, type Platform } from './harness.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => numberOption(args, name, fallback);
const seconds = option('--seconds', 10);
const connections = option('--connections', 50);
const USERS = 2_000;
const log = (m: string) => process.stderr.write(`${m}\n`);

const texts = loadQuestionSet(resolve('test/eval/dev-questions.yaml')).map((c) => c.text);

/** What the load generator knows: which update ids the bot acknowledged, and how. */
interface Book {
  /** Every distinct update sent. */
  sent: object[];
  /** Sent, no answer seen yet (cut off when a phase ended): the platform delivers these again. */
  unanswered: Set<object>;
  outcomes: Map<string, number>;
  /** Updates the bot acknowledged with 200 (handled now, or already handled: "duplicate"). */
  accepted: Set<string>;
}
const book = (): Book => ({ sent: [], unanswered: new Set(), outcomes: new Map(), accepted: new Set() });
const ledger = { telegram: book(), zalo: book(), web: { sent: 0, ok: 0 } };
const updateKey = (platform: Platform, body: Record<string, any>) => String(platform === 'telegram' ? body.update_id : body.result.message.message_id);

function record(platform: Platform, body: object, status: number, outcome: string | undefined): void {
  const b = ledger[platform];
  if (status !== 200 || !outcome) return;
  b.unanswered.delete(body);
  b.outcomes.set(outcome, (b.outcomes.get(outcome) ?? 0) + 1);
  if (outcome === 'handled' || outcome === 'duplicate') b.accepted.add(updateKey(platform, body));
}
let nextId = 1;

function webhookRequest(platform: Platform): autocannon.Request {
  const b = ledger[platform];
  return {
    method: 'POST',
    path: WEBHOOK[platform].path,
    headers: WEBHOOK[platform].headers,
    setupRequest: (req, context) => {
      // One in ten is a redelivery of an update sent before: it must be acknowledged and do nothing.
      const redeliver = b.sent.length > 20 && nextId % 10 === 0;
      let body: object;
      if (redeliver) body = b.sent[(nextId * 7919) % b.sent.length]!;
      else {
        const id = nextId;
        const user = id % USERS;
        const text = texts[id % texts.length]!;
        body = platform === 'telegram' ? telegramUpdate(id, 10_000_000 + user, text) : zaloUpdate(`load-${id}`, `zl${user.toString(16).padStart(8, '0')}`, text);
        b.sent.push(body);
        b.unanswered.add(body);
      }
      nextId++;
      (context as { body?: object }).body = body;
      return { ...req, body: JSON.stringify(body) };
    },
    onResponse: (status, body, context) => {
      record(platform, (context as { body: object }).body, status, status === 200 ? (JSON.parse(body) as { outcome: string }).outcome : undefined);
    },
  };
}

function chatRequest(): autocannon.Request {
  return {
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const i = nextId++;
      ledger.web.sent++;
      return { ...req, body: JSON.stringify({ user: `load-web-${i % USERS}`, text: texts[i % texts.length] }) };
    },
    onResponse: (status) => {
      if (status === 200) ledger.web.ok++;
    },
  };
}

/** The review's attack: messages of 50 random 39-letter words, each word unknown to the knowledge. */
function attackRequest(): autocannon.Request {
  let seed = 20261201;
  const letter = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return 'abcdeghiklmnopqrstuvxy'[seed % 22];
  };
  return {
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const text = Array.from({ length: 50 }, () => Array.from({ length: 39 }, letter).join('')).join(' ');
      ledger.web.sent++; // counted by the bot like any web message
      return { ...req, body: JSON.stringify({ user: `attacker-${nextId++ % 50}`, text }) };
    },
    onResponse: (status) => {
      if (status === 200) ledger.web.ok++;
    },
  };
}

/** Normal citizens' latency while an attacker sends the expensive messages beside them. */
async function attackPhase(url: string): Promise<{ normal: autocannon.Result; attack: autocannon.Result }> {
  log(`load: /api/chat with an attacker beside normal citizens (${seconds} s)…`);
  const [normal, attack] = await Promise.all([
    autocannon({ url, connections: Math.max(1, connections - 4), duration: seconds, requests: [chatRequest()] }),
    autocannon({ url, connections: 4, duration: seconds, requests: [attackRequest()] }),
  ]);
  return { normal, attack };
}

interface PhaseFigures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

async function phase(name: string, url: string, requests: autocannon.Request[][]): Promise<PhaseFigures> {
  log(`load: ${name} (${seconds} s, ${connections} connections)…`);
  const results = await Promise.all(
    requests.map((r) => autocannon({ url, connections: Math.max(1, Math.round(connections / requests.length)), duration: seconds, requests: r })),
  );
  const sum = (f: (r: autocannon.Result) => number) => results.reduce((a, r) => a + f(r), 0);
  return {
    name,
    rps: sum((r) => r.requests.average),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    requests: sum((r) => r.requests.total),
  };
}

const fakes = await startFakes();
const bot = await startBot(fakes);
log(`bot started in ${bot.startMs} ms (webhook mode, data in ${bot.dataDir})`);
const phases: PhaseFigures[] = [];
let attackFigures = { attackRps: 0, attackP50: 0 };
try {
  phases.push(await phase('POST /api/chat', bot.url, [[chatRequest()]]));
  const attacked = await attackPhase(bot.url);
  phases.push({
    name: 'POST /api/chat, normal citizens beside 4 attackers',
    rps: attacked.normal.requests.average,
    p50: attacked.normal.latency.p50,
    p99: attacked.normal.latency.p99,
    errors: attacked.normal.errors + attacked.normal.timeouts + attacked.attack.errors + attacked.attack.timeouts,
    non2xx: attacked.normal.non2xx + attacked.attack.non2xx,
    requests: attacked.normal.requests.total,
  });
  attackFigures = { attackRps: attacked.attack.requests.average, attackP50: attacked.attack.latency.p50 };
  phases.push(await phase('POST /webhooks/telegram', bot.url, [[webhookRequest('telegram')]]));
  phases.push(await phase('POST /webhooks/zalo', bot.url, [[webhookRequest('zalo')]]));
  phases.push(await phase('all three at once', bot.url, [[chatRequest()], [webhookRequest('telegram')], [webhookRequest('zalo')]]));
  // What the platforms would do: deliver again every update whose answer never came (the phase ended first).
  for (const platform of ['telegram', 'zalo'] as const) {
    for (const body of [...ledger[platform].unanswered]) {
      const r = await deliver(bot.url, platform, body);
      record(platform, body, r.status, r.outcome);
    }
  }
  log('load: waiting for the last replies to leave…');
  await settle(fakes.replyCount);
} finally {
  bot.child.kill('SIGTERM');
}
const exitCode = await bot.exited;

// The bot has stopped (SIGTERM: in-flight requests finished, replies sent, counts written). Read what it kept.
const db = new Database(`${bot.dataDir}/${DATABASE_FILE}`, { readonly: true });
const one = (sql: string, ...p: unknown[]) => Number(Object.values(db.prepare(sql).get(...p) as object)[0]);
const channels = ['telegram', 'zalo', 'web'] as const;
const claimedBy = Object.fromEntries(channels.map((c) => [c, one('SELECT COUNT(*) FROM processed_updates WHERE channel = ?', c)]));
const countedBy = Object.fromEntries(channels.map((c) => [c, one("SELECT COALESCE(SUM(count), 0) FROM metrics_daily WHERE channel = ? AND metric = 'message'", c)]));
const claimed = (channel: string) => claimedBy[channel]!;
const counted = (channel: string) => countedBy[channel]!;
const outboxLeft = one('SELECT COUNT(*) FROM outbox');
const integrity = String(db.pragma('integrity_check', { simple: true }));
db.close();

const rows: Row[] = phases.map((p) => ({
  what: p.name,
  ours: `${Math.round(p.rps).toLocaleString('en')} req/s`,
  peers: `p50 ${p.p50} ms · p99 ${p.p99} ms`,
  ratio: `${p.requests.toLocaleString('en')} requests`,
  target: 'no errors, no 5xx',
  met: p.errors + p.non2xx === 0 ? 'yes' : `NO (${p.errors} errors, ${p.non2xx} non-2xx)`,
}));
const alone = phases[0]!;
const beside = phases[1]!;
rows.push({
  what: 'normal p50 with the attacker ÷ without',
  ours: `${(beside.p50 / Math.max(1, alone.p50)).toFixed(2)} (${beside.p50} ms ÷ ${alone.p50} ms)`,
  peers: `attacker: ${Math.round(attackFigures.attackRps)} req/s of 50 random 39-letter words, p50 ${attackFigures.attackP50} ms`,
  ratio: '',
  target: '≤ 2',
  met: beside.p50 <= 2 * Math.max(1, alone.p50) ? 'yes' : 'NO',
});
const outcomes = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(' · ');
let exact = true;
for (const platform of ['telegram', 'zalo'] as const) {
  const accepted = ledger[platform].accepted.size;
  const ok = accepted === ledger[platform].sent.length && accepted === claimed(platform) && accepted === counted(platform);
  exact &&= ok;
  rows.push({
    what: `${platform}: distinct updates sent = acknowledged = claimed = counted`,
    ours: [ledger[platform].sent.length, accepted, claimed(platform), counted(platform)].map((n) => n.toLocaleString('en')).join(' = '),
    peers: outcomes(ledger[platform].outcomes),
    ratio: '',
    target: 'exactly once',
    met: ok ? 'yes' : 'NO',
  });
}
const webOk = ledger.web.ok <= counted('web') && counted('web') <= ledger.web.sent;
rows.push({
  what: 'web: answered 200 ≤ counted ≤ sent',
  ours: `${ledger.web.ok.toLocaleString('en')} ≤ ${counted('web').toLocaleString('en')} ≤ ${ledger.web.sent.toLocaleString('en')}`,
  peers: 'requests cut off as a phase ended are counted, not answered',
  ratio: '',
  target: 'in order',
  met: webOk ? 'yes' : 'NO',
});
const handledTotal = ledger.telegram.accepted.size + ledger.zalo.accepted.size;
rows.push({
  what: 'replies the platforms received; left in the outbox',
  ours: `${fakes.replyCount().toLocaleString('en')}; ${outboxLeft}`,
  peers: `for ${handledTotal.toLocaleString('en')} handled updates`,
  ratio: '',
  target: '≥ 1 a handled update; 0 left',
  met: fakes.replyCount() >= handledTotal && outboxLeft === 0 ? 'yes' : 'NO',
});
rows.push({ what: 'SIGTERM exit code; PRAGMA integrity_check', ours: `${exitCode}; ${integrity}`, peers: '', ratio: '', target: '0; ok', met: exitCode === 0 && integrity === 'ok' ? 'yes' : 'NO' });
await fakes.close();
printTable(rows);
const good = exact && rows.every((r) => r.met === '' || r.met === 'yes');
console.log(good ? '\nload: held' : '\nload: FAILED (see the rows marked NO)');
process.exit(good ? 0 : 1);
