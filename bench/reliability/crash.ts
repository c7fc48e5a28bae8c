/**
 * `npm run crash`: kill -9 under load, again and again, and count what was lost.
 *
 * The bot runs as its own process in webhook mode. Sixty chats (half Telegram, half Zalo) each run a scripted
 * conversation over and over, as a platform delivers it: one update at a time per chat, the next only after a
 * 200; an update that got no 200 (the bot was down, the connection died, 503) is delivered again, as the
 * platforms do; one acknowledged update in twenty is delivered twice anyway. Meanwhile the bot is killed with
 * SIGKILL at random moments (--kills N of them, default 20), its database checked with PRAGMA integrity_check while it
 * is down, and started again; every fifth restart is preceded by a SIGTERM instead, which must drain.
 *
 * Then the very same updates, chat by chat, are replayed into a fresh bot that is never killed: the reference.
 * A reply the reference sent and the crashed run did not is lost; a reply sent twice is a duplicate (at least
 * once: the platform took it, the bot died before clearing it); a chat whose replies differ otherwise had an
 * effect applied twice (or skipped). Options: --kills N, --chats N, --seed N.
 */
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/app.js';
import { printTable, type Row } from '../table.js';
import { SCRIPTS } from './conversations.js';
import { deliver, numberOption, percentile, settle, startBot, startFakes, telegramUpdate, zaloUpdate, type BotProcess, type Fakes, type Platform } from './harness.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => numberOption(args, name, fallback);
const kills = option('--kills', 20);
const chats = option('--chats', 60);
let seed = option('--seed', 20261201);
const log = (m: string) => process.stderr.write(`${m}\n`);
/** Deterministic randomness (mulberry32), so that a run can be repeated. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Replies must not be limited by the flood guard: these chats type faster than people do.
const BOT_ENV = { RATE_LIMIT_PER_MINUTE: '10000' };

interface Chat {
  platform: Platform;
  key: string;
  script: (typeof SCRIPTS)[number];
  /** The distinct updates this chat sent, in order (replayed into the reference). */
  updates: { body: object; /** After this update the chat is inside a flow. */ flowStep: boolean }[];
  /** A stop came while the chat was inside a flow (between its first and its last step). */
  killedMidFlow: boolean;
}

function newChats(): Chat[] {
  return Array.from({ length: chats }, (_, i) => {
    const platform: Platform = i % 2 === 0 ? 'telegram' : 'zalo';
    const key = platform === 'telegram' ? String(900_000_000 + i) : `zc${(0xabc000 + i).toString(16)}`;
    return { platform, key, script: SCRIPTS[i % SCRIPTS.length]!, updates: [], killedMidFlow: false };
  });
}

let nextUpdateId = 1;
function updateFor(chat: Chat, text: string): object {
  const id = nextUpdateId++;
  return chat.platform === 'telegram' ? telegramUpdate(id, Number(chat.key), text) : zaloUpdate(`crash-${id}`, chat.key, text);
}

/** The platform's side of one chat: each update until a 200, the next only then. */
async function runChat(chat: Chat, url: () => string, running: () => boolean, stats: { redelivered: number; duplicates: number; attempts: number[] }) {
  while (running()) {
    for (let t = 0; t < chat.script.turns.length; t++) {
      const body = updateFor(chat, chat.script.turns[t]!);
      chat.updates.push({ body, flowStep: chat.script.flow && t < chat.script.turns.length - 1 });
      let tries = 0;
      for (;;) {
        tries++;
        const r = await deliver(url(), chat.platform, body, 10_000);
        if (r.status === 200) break;
        stats.redelivered++;
        await sleep(50 + random() * 150);
      }
      stats.attempts.push(tries);
      if (random() < 0.05) {
        const again = await deliver(url(), chat.platform, body, 10_000);
        if (again.status === 200 && again.outcome === 'duplicate') stats.duplicates++;
      }
      await sleep(random() * 40); // a person reads, then types
    }
  }
}

/** Replays each chat's updates, in order, into a bot that is never killed. */
async function replay(list: Chat[], bot: BotProcess): Promise<void> {
  await Promise.all(
    list.map(async (chat) => {
      for (const u of chat.updates) {
        const r = await deliver(bot.url, chat.platform, u.body, 30_000);
        if (r.status !== 200 || r.outcome !== 'handled') throw new Error(`reference: ${chat.platform} update answered ${r.status} ${r.outcome}`);
      }
    }),
  );
}

function integrity(dataDir: string): string {
  const db = new Database(`${dataDir}/${DATABASE_FILE}`);
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

function countRows(dataDir: string): { claimed: number; outbox: number; counted: number } {
  const db = new Database(`${dataDir}/${DATABASE_FILE}`, { readonly: true });
  try {
    const n = (sql: string) => Number(Object.values(db.prepare(sql).get() as object)[0]);
    return {
      claimed: n('SELECT COUNT(*) FROM processed_updates'),
      outbox: n('SELECT COUNT(*) FROM outbox'),
      counted: n("SELECT COALESCE(SUM(count), 0) FROM metrics_daily WHERE metric = 'message'"),
    };
  } finally {
    db.close();
  }
}

// --- The crashed run -----------------------------------------------------------------------------------------

const fakes: Fakes = await startFakes();
let bot = await startBot(fakes, { env: BOT_ENV });
const dataDir = bot.dataDir;
const port = bot.port;
const list = newChats();
const stats = { redelivered: 0, duplicates: 0, attempts: [] as number[] };
const restartMs: number[] = [];
const integrityResults: string[] = [];
const graceful: { exitCode: number | null; ms: number; outboxLeft: number }[] = [];
let killing = true;
log(`crash: ${chats} chats, ${kills} kills; bot on port ${port}, data in ${dataDir}`);
const drivers = list.map((chat) => runChat(chat, () => bot.url, () => killing, stats));

let sigkills = 0;
for (let k = 1; sigkills < kills; k++) {
  await sleep(700 + random() * 2300);
  const inFlow = new Set(list.filter((c) => c.script.flow && c.updates.at(-1)?.flowStep).map((c) => c.key));
  for (const c of list) if (inFlow.has(c.key)) c.killedMidFlow = true;
  if (k % 5 === 0) {
    // A graceful stop under load: in-flight requests finish, replies are sent, the database is closed.
    const t0 = Date.now();
    bot.child.kill('SIGTERM');
    const exitCode = await bot.exited;
    graceful.push({ exitCode, ms: Date.now() - t0, outboxLeft: countRows(dataDir).outbox });
    log(`  stop ${k}: SIGTERM, exit ${exitCode} after ${Date.now() - t0} ms`);
  } else {
    bot.child.kill('SIGKILL');
    await bot.exited;
    sigkills++;
    log(`  stop ${k}: SIGKILL (${inFlow.size} chats mid-flow)`);
  }
  integrityResults.push(integrity(dataDir));
  bot = await startBot(fakes, { dataDir, port, env: BOT_ENV });
  restartMs.push(bot.startMs);
}
killing = false;
await Promise.all(drivers);
await settle(fakes.replyCount, 2000);
bot.child.kill('SIGTERM');
const finalExit = await bot.exited;
const crashedReplies = fakes.repliesByChat();
const finalRows = countRows(dataDir);
integrityResults.push(integrity(dataDir));
await fakes.close();

// --- The reference run ----------------------------------------------------------------------------------------

log('crash: replaying the same updates into a bot that is never killed…');
const refFakes = await startFakes();
const refBot = await startBot(refFakes, { env: BOT_ENV });
await replay(list, refBot);
await settle(refFakes.replyCount, 2000);
refBot.child.kill('SIGTERM');
await refBot.exited;
const refReplies = refFakes.repliesByChat();
await refFakes.close();

// --- Compare --------------------------------------------------------------------------------------------------

let lost = 0;
let duplicated = 0;
let diverged = 0;
let midFlow = 0;
let midFlowResumed = 0;
for (const chat of list) {
  const id = `${chat.platform}:${chat.key}`;
  const got = crashedReplies.get(id) ?? [];
  const want = refReplies.get(id) ?? [];
  // Walk the crashed run's replies: each is either the reference's next reply, or part of a resent block: the
  // last few replies before a kill, taken by the platform but not yet cleared from the outbox, sent again in
  // order after the restart.
  let j = 0;
  let resent = 0;
  let strange = 0;
  let replay = -1; // inside a resent block: the index in `want` of the copy expected next
  for (const text of got) {
    if (replay >= 0 && replay < j && text === want[replay]) {
      replay++;
      resent++;
    } else if (j < want.length && text === want[j]) {
      j++;
      replay = -1;
    } else {
      const back = [1, 2, 3, 4, 5, 6, 7, 8].find((k) => j - k >= 0 && want[j - k] === text);
      if (back === undefined) strange++;
      else {
        resent++;
        replay = j - back + 1;
      }
    }
  }
  lost += want.length - j;
  duplicated += resent;
  const same = j === want.length && strange === 0;
  if (!same) diverged++;
  if (chat.killedMidFlow) {
    midFlow++;
    if (same) midFlowResumed++;
  }
}

const totalUpdates = list.reduce((n, c) => n + c.updates.length, 0);
const sorted = [...restartMs].sort((a, b) => a - b);
const rows: Row[] = [
  { what: 'stops under load (SIGKILL / SIGTERM)', ours: `${sigkills} / ${graceful.length}`, peers: `${chats} chats, ${totalUpdates.toLocaleString('en')} distinct updates`, ratio: '', target: '≥ 20 kill -9', met: sigkills >= 20 ? 'yes' : 'NO' },
  { what: 'updates delivered again (no 200: bot down, 503)', ours: stats.redelivered.toLocaleString('en'), peers: `and ${stats.duplicates} acknowledged ones delivered twice on purpose`, ratio: '', target: '', met: '' },
  { what: 'distinct updates = claimed in the database', ours: `${totalUpdates.toLocaleString('en')} = ${finalRows.claimed.toLocaleString('en')}`, peers: '', ratio: '', target: 'equal', met: totalUpdates === finalRows.claimed ? 'yes' : 'NO' },
  { what: 'replies lost (in the reference, never sent)', ours: String(lost), peers: `of ${[...refReplies.values()].reduce((n, l) => n + l.length, 0).toLocaleString('en')} replies`, ratio: '', target: '0', met: lost === 0 ? 'yes' : 'NO' },
  { what: 'chats whose replies differ from the reference (double or skipped effect)', ours: String(diverged), peers: `of ${chats}`, ratio: '', target: '0', met: diverged === 0 ? 'yes' : 'NO' },
  { what: 'replies sent twice (taken by the platform just before a kill)', ours: String(duplicated), peers: 'at least once, never lost', ratio: '', target: '', met: '' },
  { what: 'conversations mid-flow at a stop that resumed exactly', ours: `${midFlowResumed} / ${midFlow}`, peers: '', ratio: '', target: 'all', met: midFlowResumed === midFlow ? 'yes' : 'NO' },
  {
    what: 'engagement counts lost (kept in memory, written every second)',
    ours: `${(totalUpdates - finalRows.counted).toLocaleString('en')}`,
    peers: `of ${totalUpdates.toLocaleString('en')}: anonymous figures only, never a conversation`,
    ratio: '',
    target: '',
    met: '',
  },
  { what: 'PRAGMA integrity_check after each stop', ours: `${integrityResults.filter((r) => r === 'ok').length} ok of ${integrityResults.length}`, peers: '', ratio: '', target: 'all ok', met: integrityResults.every((r) => r === 'ok') ? 'yes' : 'NO' },
  { what: 'restart time, spawn to /health 200', ours: `median ${percentile(sorted, 50)} ms`, peers: `max ${sorted.at(-1)} ms`, ratio: '', target: '', met: '' },
  {
    what: 'SIGTERM under load: exit code, time, replies left unsent',
    ours: graceful.map((g) => `${g.exitCode}, ${g.ms} ms, ${g.outboxLeft}`).join(' · ') || '—',
    peers: `final stop: exit ${finalExit}, ${finalRows.outbox} left`,
    ratio: '',
    target: '0, drained, 0',
    met: graceful.every((g) => g.exitCode === 0 && g.outboxLeft === 0) && finalExit === 0 && finalRows.outbox === 0 ? 'yes' : 'NO',
  },
];
printTable(rows);
const good = rows.every((r) => r.met === '' || r.met === 'yes');
console.log(good ? '\ncrash: nothing lost' : '\ncrash: FAILED (see the rows marked NO)');
process.exit(good ? 0 : 1);
