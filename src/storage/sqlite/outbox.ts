/**
 * The outbox: replies to platform users are written in the same transaction as the turn that produced them,
 * sent afterwards, and deleted once the platform has taken them (or refused them for good). A crash between
 * the two leaves them here, and they are sent when the bot starts again: an accepted update never loses its
 * reply. Each row is sealed (it names the chat it goes to); rows older than the dedupe window are purged.
 * Sent rows are cleared in batches (one commit, so one fsync, for all that went out within 20 ms); a crash
 * before a batch is cleared sends those replies again: at least once.
 */
import type { OutboxStore, Outgoing, QueuedOutgoing } from '../outbox-store.js';
import type { SealedBox } from '../../privacy/sealed-box.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export function createSqliteOutbox(db: Db, box: SealedBox): OutboxStore {
  const insert = db.prepare('INSERT INTO outbox (channel, sealed, created_at) VALUES (?, ?, ?)');
  const select = db.prepare<[string], { id: number; sealed: string }>('SELECT id, sealed FROM outbox WHERE channel = ? ORDER BY id');
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const removeAll = db.transaction((ids: readonly number[]) => {
    for (const id of ids) remove.run(id);
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
        items.map((item) => ({ ...item, id: Number(insert.run(channel, box.seal(item), at).lastInsertRowid) })),
      );
    },
    pending(channel) {
      const rows = guard('reading the outbox', () => select.all(channel));
      const out: QueuedOutgoing[] = [];
      for (const row of rows) {
        const item = box.open(row.sealed);
        if (isOutgoing(item)) out.push({ ...item, id: row.id });
        else guard('dropping an unreadable outbox row', () => remove.run(row.id)); // sealed with another secret
      }
      return out;
    },
    done(id) {
      sent.push(id);
      timer ??= setTimeout(flush, 20);
    },
    flush,
  };
}
