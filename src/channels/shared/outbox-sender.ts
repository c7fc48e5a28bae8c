/**
 * Sends what a turn put in the outbox, through the per-chat send queue, and clears each reply once the
 * platform has taken it. A reply that still fails after the queue's quick retries goes back to the outbox
 * with a backoff kept there (5 s doubling to 10 min, or the platform's retry-after), and every later reply to
 * that chat waits behind it; a scan every few seconds sends what is due. A reply is given up only when the
 * platform refuses it for good (403: the user blocked the bot) or after its deadline of waiting (Telegram: a
 * day, Zalo: the 48 h reply window) and at least `minAttempts` tries: it then moves to the dead letters shown
 * on the dashboard. When the platform hangs, the queue in memory stays bounded and new replies wait in the
 * outbox (per chat and in total). At start, `resume` sends what a crash left behind: at least once, never lost.
 */
import type { Channel } from '../../core/types.js';
import type { OutboxStore, QueuedOutgoing } from '../../storage/outbox-store.js';
import type { SendError, SendQueue } from './send-queue.js';

export type Deliver = (chat: string, message: unknown) => Promise<void>;

export interface OutboxSender {
  send(channel: Channel, items: readonly QueuedOutgoing[], deliver: Deliver): void;
  /** Sends the replies left in the outbox for this channel (and keeps sending what falls due); returns how many went to the queue. */
  resume(channel: Channel, deliver: Deliver): number;
  /** Puts what is due in the queue now (the timer does it every `scanEveryMs`). */
  scan(): void;
  /** Something was written to this channel's outbox outside a turn (a staff reply): send it now. */
  wake(channel: Channel): void;
  /** At shutdown: sends what is due, the replies waiting in the outbox included, for at most `budgetMs`. */
  drain(budgetMs?: number): Promise<void>;
  /** Stops the timer (the queue's drain() waits for what is in flight). */
  stop(): void;
}

export interface OutboxSenderOptions {
  /** The wall clock: retry times are kept in the database, across restarts. */
  clock: () => number;
  /** How long replies are retried, in ms of waiting, before they are given up. */
  deadlineMs?: Partial<Record<Channel, number>>;
  minAttempts?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Replies in the send queue at most, all chats / one chat; the rest wait in the outbox. */
  maxQueued?: number;
  maxPerChat?: number;
  scanEveryMs?: number;
  log?: { warn(message: string): void };
}

const DAY_MS = 24 * 3_600_000;
export const DEFAULT_DEADLINES: Partial<Record<Channel, number>> = { telegram: DAY_MS, zalo: 2 * DAY_MS };

export function createOutboxSender(store: OutboxStore, queue: SendQueue, options: OutboxSenderOptions): OutboxSender {
  const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlineMs };
  const minAttempts = options.minAttempts ?? 8;
  const firstRetry = options.firstRetryMs ?? 5_000;
  const maxRetry = options.maxRetryMs ?? 600_000;
  const maxQueued = options.maxQueued ?? 500;
  const maxPerChat = options.maxPerChat ?? 20;
  const scanEvery = options.scanEveryMs ?? 2_000;
  const deliverers = new Map<Channel, Deliver>();
  const queuedIds = new Set<number>();
  const perChat = new Map<string, number>();
  /** Chats with replies left in the outbox (not in the queue): a new reply must wait behind them. */
  const held = new Map<Channel, Set<string>>();
  /** Chats whose oldest reply failed and waits for its retry time: what is queued behind it stands back. */
  const failing = new Set<string>();
  /** Channels whose last scan was cut short: every new reply waits in the outbox until a full scan. */
  const spillAll = new Set<Channel>();
  const backlog = new Set<Channel>();
  let timer: NodeJS.Timeout | undefined;

  const heldOf = (channel: Channel) => held.get(channel) ?? held.set(channel, new Set()).get(channel)!;
  const chatOf = (channel: Channel, item: QueuedOutgoing) => `${channel}:${item.chatKey}`;
  const hold = (channel: Channel, item: QueuedOutgoing) => {
    heldOf(channel).add(item.chatKey);
    backlog.add(channel);
    ensureTimer();
  };
  function ensureTimer() {
    if (timer) return;
    timer = setInterval(scanAll, scanEvery);
    timer.unref();
  }

  function release(item: QueuedOutgoing, chat: string) {
    queuedIds.delete(item.id);
    const left = (perChat.get(chat) ?? 1) - 1;
    if (left > 0) perChat.set(chat, left);
    else perChat.delete(chat);
  }

  function settle(channel: Channel, item: QueuedOutgoing, chat: string, sent: boolean, err: unknown) {
    if (sent) return store.done(item.id);
    const e = err as Partial<SendError> | undefined;
    const reason = (e as Error | undefined)?.message ?? 'unknown error';
    const attempts = item.attempts + 1;
    if (e?.retryable === false || (attempts >= minAttempts && item.retriedMs >= (deadlines[channel] ?? DAY_MS))) {
      store.dead(item, e?.retryable === false ? `refused: ${reason}` : `gave up after ${attempts} attempts: ${reason}`, options.clock());
      options.log?.warn(`outbox: a ${channel} reply was given up (${reason}); see the dashboard's dead letters`);
      return;
    }
    const delay = e?.retryAfter !== undefined ? Math.max(1_000, e.retryAfter * 1_000) : Math.min(maxRetry, firstRetry * 2 ** (attempts - 1));
    store.retryLater(channel, item, options.clock() + delay, delay);
    failing.add(chat);
    hold(channel, item);
  }

  function enqueue(channel: Channel, item: QueuedOutgoing, deliver: Deliver): boolean {
    const chat = chatOf(channel, item);
    let stoodBack = false;
    const send = () => {
      // A reply queued behind one that failed waits for it (in the outbox), so the chat reads them in order.
      if (failing.has(chat)) {
        stoodBack = true;
        return Promise.resolve();
      }
      return deliver(item.chat, item.message);
    };
    const accepted = queue.enqueue(chat, send, (sent, err) => {
      release(item, chat);
      try {
        if (stoodBack) hold(channel, item);
        else settle(channel, item, chat, sent, err);
      } catch (e) {
        options.log?.warn(`outbox: ${(e as Error).message}`); // storage trouble: the row stays and is sent again
        hold(channel, item);
      }
    });
    if (!accepted) return false;
    queuedIds.add(item.id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    return true;
  }

  const hasRoom = (chat: string) => queuedIds.size < maxQueued && (perChat.get(chat) ?? 0) < maxPerChat && queue.room() > 0;

  function scan(channel: Channel) {
    const deliver = deliverers.get(channel);
    if (!deliver) return 0;
    const now = options.clock();
    const room = Math.max(0, maxQueued - queuedIds.size);
    const limit = room + queuedIds.size;
    const rows = store.due(channel, now, maxRetry, limit);
    const left = new Set<string>();
    let queued = 0;
    for (const item of rows) {
      if (queuedIds.has(item.id)) continue;
      const chat = chatOf(channel, item);
      if (left.has(item.chatKey) || !hasRoom(chat)) {
        left.add(item.chatKey);
        continue;
      }
      failing.delete(chat);
      if (enqueue(channel, item, deliver)) queued++;
      else left.add(item.chatKey);
    }
    const waiting = store.waitingChats(channel, now, maxRetry);
    for (const key of waiting) left.add(key);
    held.set(channel, left);
    if (rows.length >= limit) spillAll.add(channel);
    else spillAll.delete(channel);
    if (left.size === 0 && !spillAll.has(channel)) backlog.delete(channel);
    return queued;
  }

  function scanAll() {
    for (const channel of [...backlog]) {
      try {
        scan(channel);
      } catch (err) {
        options.log?.warn(`outbox: scan failed: ${(err as Error).message}`); // tried again at the next tick
      }
    }
  }

  return {
    send(channel, items, deliver) {
      deliverers.set(channel, deliver);
      for (const item of items) {
        const chat = chatOf(channel, item);
        const waitsBehind = spillAll.has(channel) || heldOf(channel).has(item.chatKey);
        if (waitsBehind || !hasRoom(chat) || !enqueue(channel, item, deliver)) hold(channel, item);
      }
    },
    resume(channel, deliver) {
      deliverers.set(channel, deliver);
      backlog.add(channel);
      ensureTimer();
      return scan(channel);
    },
    scan: scanAll,
    wake(channel) {
      if (!deliverers.has(channel)) return; // not started: resume() at start sends it
      backlog.add(channel);
      ensureTimer();
      scan(channel);
    },
    async drain(budgetMs = 10_000) {
      const start = performance.now();
      for (;;) {
        scanAll();
        if (queue.pending() === 0 || performance.now() - start > budgetMs) return;
        await queue.drain();
      }
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
