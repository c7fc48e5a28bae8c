/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran. Never edit a shipped one:
 * add a new one.
 */
import { QUEUE_GROUPS_MIGRATION } from './queue-migration.js';

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sessions (
    user_key   TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_updated_at ON sessions (updated_at);

  -- Anonymous daily aggregates: no user key, ever.
  CREATE TABLE metrics_daily (
    day     TEXT NOT NULL,
    channel TEXT NOT NULL,
    metric  TEXT NOT NULL,
    key     TEXT NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (day, channel, metric, key)
  ) WITHOUT ROWID;

  -- Questions the bot could not answer, stored only after redaction.
  CREATE TABLE unanswered (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL,
    folded     TEXT NOT NULL,
    channel    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    nearest    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'new'
  );
  CREATE INDEX unanswered_status ON unanswered (status, created_at);
  `,
  `
  -- Questions people leave for staff through the talk-to-staff flow. The question is stored redacted; the
  -- contact detail only when the person chose to leave one.
  CREATE TABLE staff_requests (
    id         INTEGER PRIMARY KEY,
    question   TEXT NOT NULL,
    contact    TEXT,
    channel    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'answered', 'closed'))
  );
  CREATE INDEX staff_requests_status ON staff_requests (status, created_at);
  `,
  `
  -- Platform updates already handled (Telegram update_id, Zalo event + message_id): claimed in the same
  -- transaction as their effects, so a redelivered update does nothing. Purged after a retention period.
  CREATE TABLE processed_updates (
    channel    TEXT NOT NULL,
    update_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (channel, update_key)
  ) WITHOUT ROWID;
  CREATE INDEX processed_updates_created_at ON processed_updates (created_at);
  `,
  `
  -- Staff accounts for the console: the password only as a memory-hard (scrypt) hash.
  CREATE TABLE staff_users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer')),
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
  );
  -- Console sessions, by a hash of the cookie's random id (a copy of the database opens no session).
  CREATE TABLE staff_sessions (
    id_hash    TEXT PRIMARY KEY,
    name       TEXT NOT NULL REFERENCES staff_users (name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
  );
  -- What staff taught the bot: phrasings attached to an entry, and new entries. Applied over knowledge/ at
  -- start and exported as YAML to be reviewed and committed back.
  CREATE TABLE knowledge_changes (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('attach', 'entry')),
    entry_id   TEXT NOT NULL,
    body       TEXT NOT NULL,
    staff      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    reverted   INTEGER NOT NULL DEFAULT 0
  );
  ALTER TABLE unanswered ADD COLUMN resolved_at INTEGER;
  ALTER TABLE unanswered ADD COLUMN resolution TEXT;
  ALTER TABLE staff_requests ADD COLUMN updated_at INTEGER;
  `,
  `
  -- Replies waiting to be sent to a platform chat, written with the turn that produced them and deleted once
  -- sent. Each row is sealed (AES-GCM): it names the chat, which is never stored in clear.
  CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    channel    TEXT NOT NULL,
    sealed     TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX outbox_channel ON outbox (channel, id);
  `,
  `
  -- One row the health check writes: a read succeeds on a full or read-only disk, a write does not.
  CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at INTEGER NOT NULL
  );
  `,
  `
  -- Replies the platform has not taken yet are retried with a backoff kept here (so a restart keeps it), in
  -- order per chat: chat_key is a keyed hash of the chat (never the id in clear) so that every reply to a chat
  -- waits behind the one being retried. retried_ms adds up the delays waited, a deadline that a clock step does
  -- not move. A reply given up (refused for good, or still failing after its deadline) moves to outbox_dead,
  -- counted on the dashboard: none is deleted unsent without a trace.
  ALTER TABLE outbox ADD COLUMN chat_key TEXT;
  ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE outbox ADD COLUMN next_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE outbox ADD COLUMN retried_ms INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX outbox_chat ON outbox (channel, chat_key, next_at);
  CREATE TABLE outbox_dead (
    id         INTEGER PRIMARY KEY,
    channel    TEXT NOT NULL,
    sealed     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    dead_at    INTEGER NOT NULL,
    attempts   INTEGER NOT NULL,
    reason     TEXT NOT NULL
  );
  CREATE INDEX outbox_dead_at ON outbox_dead (dead_at);
  `,
  `
  -- The opaque user key (an HMAC, never a platform id) on what a person left in the staff queues, so that
  -- "xóa dữ liệu" erases it too and one person's questions a day can be capped.
  ALTER TABLE unanswered ADD COLUMN user_key TEXT;
  ALTER TABLE staff_requests ADD COLUMN user_key TEXT;
  CREATE INDEX unanswered_user ON unanswered (user_key, created_at);
  CREATE INDEX unanswered_created ON unanswered (created_at);
  CREATE INDEX staff_requests_user ON staff_requests (user_key, created_at);
  `,
  `
  -- The review queue holds more than fallbacks: misroutes (the person said the answer was not right, or none of
  -- a clarification's entries fitted) and doubtful answers sampled for review, with the entry the bot gave.
  ALTER TABLE unanswered ADD COLUMN kind TEXT NOT NULL DEFAULT 'fallback';
  ALTER TABLE unanswered ADD COLUMN given TEXT;
  CREATE INDEX unanswered_kind ON unanswered (status, kind, created_at);
  `,
  `
  -- Staff may now edit and retire any entry, and a reviewer's change is a proposal an admin approves or rejects
  -- (the two-person rule): the log gains the new kinds, a status, who decided, when, with what note, and the
  -- instant a change went live (changes apply in that order). SQLite cannot widen a CHECK: the table is copied.
  CREATE TABLE knowledge_changes_v2 (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('attach', 'entry', 'edit', 'retire')),
    entry_id   TEXT NOT NULL,
    body       TEXT NOT NULL,
    staff      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    reverted   INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'proposed', 'rejected')),
    decided_by TEXT,
    decided_at INTEGER,
    note       TEXT,
    applied_at INTEGER
  );
  INSERT INTO knowledge_changes_v2 (id, kind, entry_id, body, staff, created_at, reverted, applied_at)
    SELECT id, kind, entry_id, body, staff, created_at, reverted, created_at FROM knowledge_changes;
  DROP TABLE knowledge_changes;
  ALTER TABLE knowledge_changes_v2 RENAME TO knowledge_changes;
  CREATE INDEX knowledge_changes_entry ON knowledge_changes (entry_id, id);
  CREATE INDEX knowledge_changes_status ON knowledge_changes (status, reverted);
  `,
  `
  -- Staff reply to citizens: a request keeps where to answer (the platform chat id, sealed; nothing for the
  -- web, whose person is found by the user key) and when the person last wrote about it (Zalo allows replies for
  -- 7 days); the conversation with staff is a thread of messages, the staff's ones delivered once.
  ALTER TABLE staff_requests ADD COLUMN reply_to TEXT;
  ALTER TABLE staff_requests ADD COLUMN last_contact_at INTEGER;
  CREATE TABLE staff_messages (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES staff_requests (id) ON DELETE CASCADE,
    author       TEXT NOT NULL CHECK (author IN ('staff', 'citizen')),
    staff        TEXT,
    text         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER
  );
  CREATE INDEX staff_messages_request ON staff_messages (request_id, id);
  CREATE INDEX staff_messages_undelivered ON staff_messages (delivered_at, request_id);
  `,
  QUEUE_GROUPS_MIGRATION,
  `
  -- The counters by metric: the dashboard's series (conversations, messages) and an entry's feedback are read
  -- without going through every counter of the period.
  CREATE INDEX metrics_daily_metric ON metrics_daily (metric, key, day);
  `,
];
