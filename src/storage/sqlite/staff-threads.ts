/**
 * The conversation between staff and a citizen about one request: staff replies and the citizen's answers,
 * stored redacted (the staff's words as written); where to deliver a reply (the sealed platform chat, or the
 * web person's user key); the web replies not yet shown, delivered once.
 */
import type { Channel } from '../../core/types.js';
import type { SealedBox } from '../../privacy/sealed-box.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface ThreadMessage {
  id: number;
  author: 'staff' | 'citizen';
  staff?: string;
  text: string;
  createdAt: number;
  delivered: boolean;
}

export interface ReplyAddress {
  channel: Channel;
  /** The platform chat (Telegram, Zalo), opened from its seal; null for the web or when unreadable. */
  chat: string | null;
  userKey: string | null;
  /** When the person last wrote about this request (Zalo's reply window counts from it). */
  lastContactAt: number;
}

export function createSqliteStaffThreads(db: Db, box: SealedBox) {
  const address = db.prepare<[number], { channel: Channel; reply_to: string | null; user_key: string | null; last_contact_at: number | null; created_at: number }>(
    'SELECT channel, reply_to, user_key, last_contact_at, created_at FROM staff_requests WHERE id = ?',
  );
  const insert = db.prepare('INSERT INTO staff_messages (request_id, author, staff, text, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?)');
  const thread = db.prepare<[number], { id: number; author: 'staff' | 'citizen'; staff: string | null; text: string; created_at: number; delivered_at: number | null }>(
    'SELECT id, author, staff, text, created_at, delivered_at FROM staff_messages WHERE request_id = ? ORDER BY id',
  );
  const owned = db.prepare<[number, string], { id: number }>('SELECT id FROM staff_requests WHERE id = ? AND user_key = ?');
  const reopen = db.prepare("UPDATE staff_requests SET status = 'new', last_contact_at = ?, updated_at = ? WHERE id = ?");
  const answered = db.prepare("UPDATE staff_requests SET status = 'answered', updated_at = ? WHERE id = ?");
  const undelivered = db.prepare<[string], { id: number; request_id: number; text: string }>(
    `SELECT m.id, m.request_id, m.text FROM staff_messages m JOIN staff_requests r ON r.id = m.request_id
     WHERE r.user_key = ? AND r.channel = 'web' AND m.author = 'staff' AND m.delivered_at IS NULL ORDER BY m.id LIMIT 20`,
  );
  const delivered = db.prepare('UPDATE staff_messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL');
  return {
    address(requestId: number): ReplyAddress | undefined {
      const r = guard('reading a staff request', () => address.get(requestId));
      if (!r) return undefined;
      const opened = r.reply_to ? box.open(r.reply_to) : undefined;
      return { channel: r.channel, chat: typeof opened === 'string' ? opened : null, userKey: r.user_key, lastContactAt: r.last_contact_at ?? r.created_at };
    },
    thread(requestId: number): ThreadMessage[] {
      return guard('reading a staff thread', () =>
        thread.all(requestId).map((m) => ({ id: m.id, author: m.author, ...(m.staff ? { staff: m.staff } : {}), text: m.text, createdAt: m.created_at, delivered: m.delivered_at !== null })),
      );
    },
    /** A staff reply, marked delivered when it went into a platform's outbox in the same transaction. */
    addStaffReply(requestId: number, staff: string, text: string, at: number, deliveredNow: boolean): number {
      return guard('saving a staff reply', () => {
        const id = Number(insert.run(requestId, 'staff', staff, text, at, deliveredNow ? at : null).lastInsertRowid);
        answered.run(at, requestId);
        return id;
      });
    },
    /** The citizen answers back (text already redacted); false when the request is not theirs or is gone. */
    addCitizenReply(requestId: number, userKey: string, text: string, at: number): boolean {
      return guard('saving a reply to staff', () => {
        if (!owned.get(requestId, userKey)) return false;
        insert.run(requestId, 'citizen', null, text, at, at);
        reopen.run(at, at, requestId);
        return true;
      });
    },
    /** Staff replies waiting for a web person, marked delivered as they are handed over. */
    takeWebReplies(userKey: string, at: number): { requestId: number; text: string }[] {
      return guard('delivering staff replies', () => {
        const rows = undelivered.all(userKey);
        for (const r of rows) delivered.run(at, r.id);
        return rows.map((r) => ({ requestId: r.request_id, text: r.text }));
      });
    },
  };
}

export type StaffThreads = ReturnType<typeof createSqliteStaffThreads>;
