/** Claims of platform update ids: true the first time an id is claimed, false for a redelivery. */
import type { Channel } from '../../core/types.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export function createSqliteUpdateClaims(db: Db) {
  const insert = db.prepare('INSERT INTO processed_updates (channel, update_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const select = db.prepare('SELECT 1 FROM processed_updates WHERE channel = ? AND update_key = ?');
  return {
    /** A read-only look: the claim itself stays atomic with the turn. */
    seen(channel: Channel, updateKey: string): boolean {
      return guard('looking up an update', () => select.get(channel, updateKey) !== undefined);
    },
    claim(channel: Channel, updateKey: string, at: number): boolean {
      return guard('claiming an update', () => insert.run(channel, updateKey, at).changes === 1);
    },
  };
}
