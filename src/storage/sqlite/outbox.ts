/**
 * The outbox: replies to platform users are written in the same transaction as the turn that produced them,
 * sent afterwards, and deleted once the platform has taken them. A crash between the two leaves them here,
 * and they are sent when the bot starts again: an accepted update never loses its reply. A reply that fails
 * waits here with its backoff (every reply to the same chat waits behind it, so replies keep their order);
 * one given up moves to outbox_dead with its reason. Nothing is purged by age: the wall clock can jump.
 * Each row is sealed (it names the chat it goes to); chats are grouped by a keyed hash, never the id.
 * Sent rows are cleared in batches (one commit, so one fsync, for all that went out within 20 ms); a crash
 * before a batch is cleared sends those replies again: at least once.
 */
import type { Channel } from '../../core/types.js';
import type { DeadLetterCount, OutboxStore, Outgoing, QueuedOutgoing } from '../outbox-store.js';
import type { SealedBox } from '../../privacy/sealed-box.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

interface Row {
  id: number;
  sealed: string;
  chat_key: string | null;
  attempts: number;
  retried_ms: number;
}

/** The keyed hash a chat is grouped by (the same kind of key as a user key: no platform id in clear). */
export type ChatKeyer = (channel: Channel, chat: string) => string;

export function createSqliteOutbox(db: Db, box: SealedBox, chatKey: ChatKeyer): OutboxStore {
  const insert = db.prepare('INSERT INTO outbox (channel, sealed, created_at, chat_key) VALUES (?, ?, ?, ?)');
  // Due rows: not waiting, and of no chat that has a row waiting (a far-future time is a clock stepped back).
  const selectDue = db.prepare<[string, number, number, string, number, number, number], Row>(`
    SELECT id, sealed, chat_key, attempts, retried_ms FROM outbox
    WHERE channel = ? AND (next_at <= ? OR next_at > ?)
      AND (chat_key IS NULL OR chat_key NOT IN (
        SELECT chat_key FROM outbox WHERE channel = ? AND chat_key IS NOT NULL AND next_at > ? AND next_at <= ?))
    ORDER BY id LIMIT ?`);
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE channel = ?');
  const waiting = db.prepare<[string, number, number], { chat_key: string }>(
    'SELECT DISTINCT chat_key FROM outbox WHERE channel = ? AND chat_key IS NOT NULL AND next_at > ? AND next_at <= ?',
  );
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const setKey = db.prepare('UPDATE outbox SET chat_key = ? WHERE id = ?');
  const holdChat = db.prepare('UPDATE outbox SET next_at = ? WHERE channel = ? AND chat_key = ?');
  const countAttempt = db.prepare('UPDATE outbox SET attempts = attempts + 1, retried_ms = retried_ms + ?, next_at = ? WHERE id = ?');
  const moveDead = db.prepare(`INSERT INTO outbox_dead (id, channel, sealed, created_at, dead_at, attempts, reason)
    SELECT id, channel, sealed, created_at, ?, attempts + 1, ? FROM outbox WHERE id = ?`);
  const deadCounts = db.prepare<[], DeadLetterCount>(
    'SELECT channel, reason, COUNT(*) AS count, MAX(dead_at) AS latest FROM outbox_dead GROUP BY channel, reason ORDER BY channel, count DESC',
  );
  const removeAll = db.transaction((ids: readonly number[]) => {
    for (const id of ids) remove.run(id);
  });
  const retry = db.transaction((channel: Channel, item: QueuedOutgoing, nextAt: number, waitedMs: number) => {
    holdChat.run(nextAt, channel, item.chatKey);
    countAttempt.run(waitedMs, nextAt, item.id);
  });
  const bury = db.transaction((item: QueuedOutgoing, reason: string, at: number) => {
    moveDead.run(at, reason.slice(0, 200), item.id);
    remove.run(item.id);
  });
  let sent: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (sent.length === 0 || !db.open) return;
    const ids = sent;
    sent = [];
    try {
      removeAll.immediate(ids);
    } catch {
      sent.unshift(...ids); // storage trouble: cleared with the next batch (or sent again after a restart)
      timer ??= setTimeout(flush, 1_000);
    }
  };
  const isOutgoing = (v: unknown): v is Outgoing =>
    typeof v === 'object' && v !== null && typeof (v as Outgoing).chat === 'string' && 'message' in v;
  return {
    add(channel, items, at) {
      return guard('queueing replies', () =>
        items.map((item) => {
          const key = chatKey(channel, item.chat);
          return { ...item, id: Number(insert.run(channel, box.seal(item), at, key).lastInsertRowid), chatKey: key, attempts: 0, retriedMs: 0 };
        }),
      );
    },
    due(channel, now, maxDelayMs, limit) {
      const ahead = now + maxDelayMs;
      const rows = guard('reading the outbox', () => selectDue.all(channel, now, ahead, channel, now, ahead, limit + sent.length));
      const out: QueuedOutgoing[] = [];
      for (const row of rows) {
        if (sent.includes(row.id)) continue; // sent, its clearing not yet committed
        const item = box.open(row.sealed);
        if (!isOutgoing(item)) {
          guard('dropping an unreadable outbox row', () => remove.run(row.id)); // sealed with another secret
          continue;
        }
        const key = row.chat_key ?? chatKey(channel, item.chat);
        if (row.chat_key === null) guard('keying an outbox row', () => setKey.run(key, row.id)); // written before keys
        if (out.length < limit) out.push({ chat: item.chat, message: item.message, id: row.id, chatKey: key, attempts: row.attempts, retriedMs: row.retried_ms });
      }
      return out;
    },
    waitingChats(channel, now, maxDelayMs) {
      return new Set(guard('reading the outbox', () => waiting.all(channel, now, now + maxDelayMs)).map((r) => r.chat_key));
    },
    count: (channel) => guard('counting the outbox', () => count.get(channel)!.n),
    done(id) {
      sent.push(id);
      timer ??= setTimeout(flush, 20);
    },
    retryLater(channel, item, nextAt, waitedMs) {
      guard('scheduling a retry', () => retry.immediate(channel, item, nextAt, waitedMs));
    },
    dead(item, reason, at) {
      guard('giving up a reply', () => bury.immediate(item, reason, at));
    },
    deadLetters: () => guard('counting dead letters', () => deadCounts.all()),
    flush,
  };
}
