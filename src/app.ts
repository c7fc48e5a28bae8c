/**
 * The composition root: builds storage, content, translator and router from a Config. The only module where
 * concrete implementations meet. Used by main.ts (server), cli/chat.ts (terminal) and the tests.
 */
import { join } from 'node:path';
import type { Config } from './config/config.js';
import type { FaqIndex } from './core/faq.js';
import { createReplyKit } from './core/replies.js';
import { createRouter, type Router } from './core/router.js';
import { DAY_MS } from './core/vietnam-calendar.js';
import type { BotResponse, Channel, InboundMessage, MetricEvent } from './core/types.js';
import { CALCULATORS } from './flows/calculators/index.js';
import { loadFigures } from './flows/calculators/figures-data.js';
import { loadOffices } from './flows/calculators/offices.js';
import { voluntaryLimits } from './flows/calculators/voluntary.js';
import { createEngine } from './flows/engine.js';
import { createFlowHandler } from './flows/flow-handler.js';
import { loadFlowDir } from './flows/loader.js';
import { COMMANDS } from './core/payload-codec.js';
import { createI18n, type I18n } from './i18n/translator.js';
import { createLiveKnowledge, type LiveKnowledge } from './knowledge/live-knowledge.js';
import { ContentError } from './knowledge/content-error.js';
import { loadKnowledgeBase } from './knowledge/loader.js';
import { createUserKeyer, type UserKeyer } from './privacy/user-key.js';
import { inTransaction, openDatabase, openInMemoryCopy, whyNotWritable, type Db } from './storage/sqlite/database.js';
import { createMetricsBuffer, type MetricsBuffer } from './storage/metrics-buffer.js';
import { createSqliteMetricsSink } from './storage/sqlite/metrics-sink.js';
import { createSqliteKnowledgeChanges } from './storage/sqlite/knowledge-changes.js';
import { createSqliteOutbox } from './storage/sqlite/outbox.js';
import type { OutboxStore } from './storage/outbox-store.js';
import { createSealedBox } from './privacy/sealed-box.js';
import type { ChatUpdateHandler, UpdateSeen } from './channels/chat-handler.js';
import { createSqliteRetention, type PurgeCounts } from './storage/sqlite/retention.js';
import { createSqliteStaffAccounts, createSqliteStaffSessions } from './storage/sqlite/staff-accounts.js';
import { createSqliteSessionStore } from './storage/sqlite/session-store.js';
import { createSqliteStaffQueue } from './storage/sqlite/staff-queue.js';
import { createSqliteStaffThreads } from './storage/sqlite/staff-threads.js';
import { createStaffReplies, type StaffReplies } from './channels/staff-replies.js';
import { createSqliteUpdateClaims } from './storage/sqlite/update-claims.js';
import { createSqliteUnansweredQueue } from './storage/sqlite/unanswered-queue.js';
import { loadOrCreateSecret } from './storage/secret-file.js';
import { StorageError } from './storage/storage-error.js';

export const DATABASE_FILE = 'bot.sqlite';
// A hard crash (kill -9, power loss) loses the counts of at most this last interval (npm run crash measures it).
const METRICS_FLUSH_MS = 1_000;

export interface App {
  config: Config;
  /** The wall clock the app reads (injected by tests; every date is derived from it through core/vietnam-calendar). */
  clock: () => number;
  db: Db;
  i18n: I18n;
  keyer: UserKeyer;
  router: Router;
  faq(): FaqIndex;
  /** The knowledge in force, with what staff taught the bot; changes take effect at once. */
  knowledge: LiveKnowledge;
  /** The flow definitions (the dashboard draws a funnel per flow). */
  flows: ReturnType<typeof loadFlowDir>;
  staffAccounts: ReturnType<typeof createSqliteStaffAccounts>;
  staffSessions: ReturnType<typeof createSqliteStaffSessions>;
  unanswered: ReturnType<typeof createSqliteUnansweredQueue>;
  staffQueue: ReturnType<typeof createSqliteStaffQueue>;
  staffThreads: ReturnType<typeof createSqliteStaffThreads>;
  /** Staff replies to citizens, delivered on the channel they used. */
  staffReplies: StaffReplies;
  /** The staff replies waiting for a web chat user (by the id the page sends), each handed over once. */
  webInbox(platformId: string): ReturnType<StaffReplies['webInbox']>;
  /** Who sends a platform's outbox now (the platforms, once started); a staff reply calls it. */
  setOutboxKick(kick: (channel: 'telegram' | 'zalo') => void): void;
  /** Engagement counts, batched in memory; read through rows(), which writes what is pending first. */
  metrics: MetricsBuffer;
  /** Handles one message from a platform user inside one transaction; the raw id is keyed here and dropped. */
  handle(channel: Channel, platformId: string, input: { text?: string; payload?: string }): ReturnType<Router['handle']>;
  /** Like handle, for a platform update with an id (see ChatUpdateHandler): claimed, answered, replies queued. */
  handleUpdate: ChatUpdateHandler;
  /** Whether a platform update was already handled (a redelivery). */
  updateSeen: UpdateSeen;
  /** Replies waiting to be sent to platform chats (sealed; see storage/sqlite/outbox.ts). */
  outbox: OutboxStore;
  /** Deletes what retention no longer allows to keep (see storage/sqlite/retention.ts: at most UNANSWERED_PER_PURGE queued questions a call). */
  purgeExpired(): PurgeCounts;
  /** Returns when the database takes a write; throws a StorageError otherwise (full, locked, read-only). */
  checkStorage(): void;
  close(): void;
}

export interface AppHooks {
  /** A bug inside a turn (anything but a database error): log it with where it happened. */
  onTurnError?: (err: unknown, where: string) => void;
}

export function createApp(config: Config, clock: () => number = Date.now, hooks: AppHooks = {}): App {
  const kb = loadKnowledgeBase(config.knowledgeDir);
  const file = join(config.dataDir, DATABASE_FILE);
  const notWritable = whyNotWritable(file);
  if (notWritable) {
    process.stderr.write(
      `READ-ONLY MODE: ${config.dataDir} cannot be written (${notWritable}). The bot answers from a copy in memory; ` +
        'conversations, questions for staff and staff changes are not saved until DATA_DIR is writable and the bot restarts.\n',
    );
  }
  const db = notWritable ? openInMemoryCopy(file) : openDatabase(file, { synchronous: config.dbSync });
  const knowledge = createLiveKnowledge(kb, createSqliteKnowledgeChanges(db), (why) => process.stderr.write(`${why}\n`));
  const secret = loadOrCreateSecret(config.dataDir, config.userKeySecret);
  const keyer = createUserKeyer(secret);
  const i18n = createI18n();
  const sessions = createSqliteSessionStore(db, clock);
  const metrics = createMetricsBuffer(createSqliteMetricsSink(db), { flushMs: METRICS_FLUSH_MS });
  // A turn's events are counted only once its transaction has committed (a failed turn is re-sent, not counted).
  let turnEvents: MetricEvent[] = [];
  const turnMetrics = {
    record(events: readonly MetricEvent[]) {
      if (config.metrics) turnEvents.push(...events);
    },
  };
  const inTurn = <T>(fn: () => T): T => {
    turnEvents = [];
    const result = inTransaction(db, fn);
    metrics.record(turnEvents);
    turnEvents = [];
    return result;
  };
  const unanswered = createSqliteUnansweredQueue(db);
  const staffBox = createSealedBox(secret, 'staff-contact');
  const staffQueue = createSqliteStaffQueue(db, staffBox);
  const staffThreads = createSqliteStaffThreads(db, staffBox);
  const faq = () => knowledge.faq();
  const kit = createReplyKit(faq, i18n.t);
  // (The router builds its own kit with flow links; the engine's kit renders plain answers inside flows.)
  const flows = loadFlowDir(config.flowsDir, {
    hasKey: (k) => i18n.has('vi', k) && i18n.has('en', k),
    hasEntry: (id) => knowledge.faq().entry(id) !== undefined,
    hasTopic: (id) => knowledge.faq().topics().includes(id) || id === 'more',
    hasCalculator: (name) => name in CALCULATORS,
    commands: COMMANDS,
  });
  const offices = loadOffices(join(config.flowsDir, 'data', 'offices.yaml'));
  const figures = loadFigures(join(config.flowsDir, 'data', 'figures.yaml'));
  /** Who the current turn is for (set where a turn begins), so that a handoff is filed under that person. */
  let turn: { channel: Channel; userKey: string } = { channel: 'web', userKey: '' };
  /** The platform chat of the current turn, kept only to seal it into a staff request (for the staff's reply). */
  let turnChat = '';
  const engine = createEngine(new Map(flows.map((f) => [f.id, f])), {
    t: i18n.t,
    faq,
    answer: kit.answer,
    menuButton: kit.menuButton,
    calculators: CALCULATORS,
    calcContext: () => ({ now: clock(), offices, figures }),
    limits: () => voluntaryLimits(figures, clock()),
    now: clock,
    handoff: ({ question, contact }) =>
      staffQueue.add({ question, contact, channel: turn.channel, userKey: turn.userKey, at: clock(), ...(turn.channel === 'telegram' || turn.channel === 'zalo' ? { replyTo: turnChat } : {}) }),
  });
  const flowHandler = createFlowHandler({
    engine,
    flows,
    t: i18n.t,
    idleMs: config.flowIdleMinutes * 60_000,
  });
  const claims = createSqliteUpdateClaims(db);
  const outbox = createSqliteOutbox(db, createSealedBox(secret, 'outbox'), (channel, chat) => keyer(channel, `chat:${chat}`));
  const retention = createSqliteRetention(db);
  let outboxKick: (channel: 'telegram' | 'zalo') => void = () => {};
  const staffReplies = createStaffReplies({ threads: staffThreads, outbox, sessions, t: i18n.t, now: clock, transaction: (fn) => inTransaction(db, fn), kick: (c) => outboxKick(c) });
  const probe = db.prepare('INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
  const flowById = new Map(flows.map((f) => [f.id, f]));
  for (const e of knowledge.entries()) {
    if (e.flow && !flowById.has(e.flow)) throw new ContentError(`${e.topic} entry`, `[${e.id}].flow`, `unknown flow "${e.flow}"`);
  }
  const router = createRouter({
    flows: flowHandler,
    flowLinks: {
      label: (lang, id) => {
        const f = flowById.get(id);
        return f ? i18n.t(lang, f.title) : null;
      },
      onMenu: ['contribution-calculator', 'talk-to-staff'].filter((id) => flowById.has(id)),
    },
    faq,
    sessions,
    metrics: turnMetrics,
    unanswered,
    sampleRate: config.reviewSampleRate,
    answerStaff: (requestId, userKey, text, at) => staffThreads.addCitizenReply(requestId, userKey, text, at),
    t: i18n.t,
    clock: { now: clock },
    defaultLanguage: config.defaultLanguage,
    forgetPerson: (userKey) => {
      unanswered.forget(userKey);
      staffQueue.forget(userKey);
    },
  });
  /**
   * The one error boundary of a turn: a database error is a StorageError (503, the platform retries); anything
   * else is a bug, logged with where it happened, and the person gets a polite reply instead of silence.
   */
  function failedTurn(err: unknown, message: InboundMessage, where: string): BotResponse {
    if (err instanceof StorageError) throw err;
    hooks.onTurnError?.(err, where);
    let lang = config.defaultLanguage;
    try {
      lang = sessions.get(message.userKey)?.lang ?? lang;
    } catch {
      /* the apology is sent in the default language */
    }
    return { replies: [{ text: i18n.t(lang, 'errors.turn') }], outcome: { kind: 'command', command: 'error' } };
  }

  return {
    config,
    clock,
    db,
    i18n,
    keyer,
    router,
    faq,
    knowledge,
    flows,
    staffAccounts: createSqliteStaffAccounts(db),
    staffSessions: createSqliteStaffSessions(db),
    unanswered,
    staffQueue,
    staffThreads,
    staffReplies,
    webInbox: (platformId) => staffReplies.webInbox(keyer('web', platformId)),
    setOutboxKick(kick) {
      outboxKick = kick;
    },
    metrics,
    handle(channel, platformId, input) {
      const message: InboundMessage = { channel, userKey: keyer(channel, platformId), ...input };
      turn = message;
      turnChat = platformId;
      try {
        return inTurn(() => router.handle(message));
      } catch (err) {
        return failedTurn(err, message, `${channel} message`);
      }
    },
    handleUpdate(channel, updateKey, platformId, input, render) {
      const message: InboundMessage = { channel, userKey: keyer(channel, platformId), ...input };
      turn = message;
      turnChat = platformId;
      const claimAndQueue = (respond: () => BotResponse) => inTurn(() => (claims.claim(channel, updateKey, clock()) ? outbox.add(channel, render(respond()), clock()) : null));
      try {
        return claimAndQueue(() => router.handle(message));
      } catch (err) {
        // The turn rolled back; the update is still claimed and answered, with an apology, so that the
        // platform stops redelivering a message that would fail again.
        const apology = failedTurn(err, message, `${channel} update ${updateKey}`);
        return claimAndQueue(() => apology);
      }
    },
    outbox,
    updateSeen: (channel, key) => claims.seen(channel, key),
    purgeExpired() {
      const now = clock();
      const day = DAY_MS;
      return retention.purge({
        idleStateBefore: now - config.retentionDays * day,
        resolvedBefore: now - config.retentionDays * day,
        dedupeBefore: now - config.dedupeHours * 3_600_000,
      });
    },
    checkStorage() {
      if (notWritable) throw new StorageError(`the data directory cannot be written (${notWritable})`, undefined, 'read-only');
      inTransaction(db, () => probe.run(clock()));
    },
    close() {
      if (!db.open) return;
      outbox.flush();
      try {
        metrics.close();
      } catch (err) {
        // A full or locked disk at shutdown costs the last second of anonymous counts, never a clean stop.
        process.stderr.write(`engagement counts not written at shutdown: ${(err as Error).message}\n`);
      }
      db.close();
    },
  };
}
