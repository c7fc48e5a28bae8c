/**
 * Questions left for staff through the talk-to-staff flow. The question is stored redacted; a phone number or
 * e-mail the person chose to leave is stored sealed (AES-GCM), so that a copy of the database reveals none.
 */
import type { Channel } from '../../core/types.js';
import type { SealedBox } from '../../privacy/sealed-box.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface StaffRequest {
  id: number;
  question: string;
  contact: string | null;
  channel: Channel;
  createdAt: number;
  status: 'new' | 'answered' | 'closed';
}

export function createSqliteStaffQueue(db: Db, box: SealedBox) {
  const insert = db.prepare('INSERT INTO staff_requests (question, contact, channel, created_at, user_key, reply_to, last_contact_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const forget = db.prepare('DELETE FROM staff_requests WHERE user_key = ?');
  const select = db.prepare<[string, number], { id: number; question: string; contact: string | null; channel: Channel; created_at: number; status: StaffRequest['status'] }>(
    'SELECT id, question, contact, channel, created_at, status FROM staff_requests WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const setStatus = db.prepare('UPDATE staff_requests SET status = ?, updated_at = ? WHERE id = ?');
  // Contacts stored in clear before they were sealed are sealed now, once (a sealed value is long base64url).
  const legacy = db.prepare<[], { id: number; contact: string }>("SELECT id, contact FROM staff_requests WHERE contact IS NOT NULL");
  const reseal = db.prepare('UPDATE staff_requests SET contact = ? WHERE id = ?');
  guard('sealing stored contacts', () =>
    db.transaction(() => {
      for (const r of legacy.all()) {
        if (box.open(r.contact) === undefined && !/^[\w-]{40,}$/.test(r.contact)) reseal.run(box.seal(r.contact), r.id);
      }
    })(),
  );
  const openContact = (sealed: string | null): string | null => {
    if (sealed === null) return null;
    const value = box.open(sealed);
    return typeof value === 'string' ? value : null; // sealed under another secret: unreadable
  };
  return {
    /** `userKey`: who asked (opaque), so that "xóa dữ liệu" erases the request too. */
    /** `replyTo`: the platform chat to answer in (sealed before it is stored; none for the web). */
    add(request: { question: string; contact: string | null; channel: Channel; at: number; userKey?: string; replyTo?: string }) {
      guard('saving a staff request', () =>
        insert.run(request.question, request.contact === null ? null : box.seal(request.contact), request.channel, request.at, request.userKey ?? null, request.replyTo ? box.seal(request.replyTo) : null, request.at),
      );
    },
    /** Erases this person's requests and the contacts they left ("xóa dữ liệu"); returns how many. */
    forget(userKey: string): number {
      return guard('erasing staff requests', () => forget.run(userKey).changes);
    },
    list(status: StaffRequest['status'] = 'new', limit = 200): StaffRequest[] {
      return guard('listing staff requests', () =>
        select.all(status, limit).map((r) => ({ id: r.id, question: r.question, contact: openContact(r.contact), channel: r.channel, createdAt: r.created_at, status: r.status })),
      );
    },
    /** False when there is no such request. */
    setStatus(id: number, status: StaffRequest['status'], at: number): boolean {
      return guard('updating a staff request', () => setStatus.run(status, at, id).changes === 1);
    },
  };
}
