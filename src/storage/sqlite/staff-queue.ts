/** Questions left for staff through the talk-to-staff flow. */
import type { Channel } from '../../core/types.js';
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

export function createSqliteStaffQueue(db: Db) {
  const insert = db.prepare('INSERT INTO staff_requests (question, contact, channel, created_at) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string, number], { id: number; question: string; contact: string | null; channel: Channel; created_at: number; status: StaffRequest['status'] }>(
    'SELECT id, question, contact, channel, created_at, status FROM staff_requests WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const setStatus = db.prepare('UPDATE staff_requests SET status = ?, updated_at = ? WHERE id = ?');
  return {
    add(request: { question: string; contact: string | null; channel: Channel; at: number }) {
      guard('saving a staff request', () => insert.run(request.question, request.contact, request.channel, request.at));
    },
    list(status: StaffRequest['status'] = 'new', limit = 200): StaffRequest[] {
      return guard('listing staff requests', () =>
        select.all(status, limit).map((r) => ({ id: r.id, question: r.question, contact: r.contact, channel: r.channel, createdAt: r.created_at, status: r.status })),
      );
    },
    /** False when there is no such request. */
    setStatus(id: number, status: StaffRequest['status'], at: number): boolean {
      return guard('updating a staff request', () => setStatus.run(status, at, id).changes === 1);
    },
  };
}
