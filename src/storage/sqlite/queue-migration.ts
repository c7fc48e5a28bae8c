/**
 * The migration that groups the review queue incrementally (issue 16), on its own for its size. Never edit it
 * once shipped: add a new migration.
 */
/** What an open question leaving the queue (resolved or deleted) takes out of the figures. */
const QUESTION_LEAVES = `
    UPDATE queue_counts SET questions = questions - 1 WHERE kind = OLD.kind;
    UPDATE queue_texts SET n = n - 1 WHERE form_id = OLD.form_id AND text = OLD.text;
    UPDATE queue_tags SET n = n - 1 WHERE form_id = OLD.form_id AND tag IN ('channel:' || OLD.channel, 'given:' || OLD.given);
    UPDATE queue_forms SET open = open - 1 WHERE id = OLD.form_id;
    DELETE FROM unanswered_search WHERE rowid = OLD.id AND OLD.form_id IS NOT NULL;`;

export const QUEUE_GROUPS_MIGRATION = `
  -- The review queue grouped incrementally (issue 16): each distinct folded wording of a kind is a form, each
  -- form is in a group, and similar forms share one; a question points at its form once the grouper has seen it
  -- (form_id NULL: still to group). What a page shows of a group is kept as questions come and go, so that no
  -- page reads a group's questions one by one: open questions per form, per group and per kind (by triggers);
  -- per group its distinct wordings (queue_texts: how often, how many diacritics, when last) and tags
  -- (queue_tags: the channels, the entries the bot gave), first and last seen, the last question id. A form,
  -- wording, tag or group left with no open question is deleted (a form through queue_forms_gone, so that the
  -- grouper's index in memory drops it). First and last seen are not narrowed when some of a group's questions go.
  -- plain is the question folded for search (no diacritics, lower case), also in a trigram index (open questions
  -- only) whose deleted rows leave no trace (secure-delete). The triggers assume a question is never reopened and its form is set
  -- once, by an UPDATE, while it is open. Ids are never reused (AUTOINCREMENT): a page names a group by its id.
  ALTER TABLE unanswered ADD COLUMN form_id INTEGER;
  ALTER TABLE unanswered ADD COLUMN plain TEXT;
  CREATE INDEX unanswered_form ON unanswered (form_id, status);
  CREATE TABLE queue_groups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    open       INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER,
    last_seen  INTEGER,
    texts      INTEGER NOT NULL DEFAULT 0,
    last_id    INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX queue_groups_order ON queue_groups (kind, open, last_seen, id);
  CREATE TABLE queue_forms (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind     TEXT NOT NULL,
    folded   TEXT NOT NULL,
    group_id INTEGER NOT NULL,
    open     INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX queue_forms_folded ON queue_forms (kind, folded);
  CREATE INDEX queue_forms_group ON queue_forms (group_id);
  CREATE TABLE queue_forms_gone (form_id INTEGER PRIMARY KEY, kind TEXT NOT NULL);
  CREATE TABLE queue_texts (
    form_id  INTEGER NOT NULL,
    text     TEXT NOT NULL,
    group_id INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    marks    INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    last_id  INTEGER NOT NULL,
    PRIMARY KEY (form_id, text)
  );
  CREATE INDEX queue_texts_count ON queue_texts (group_id, n, last_at, last_id);
  CREATE INDEX queue_texts_title ON queue_texts (group_id, marks, last_at, last_id);
  CREATE TABLE queue_tags (
    form_id  INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    group_id INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    PRIMARY KEY (form_id, tag)
  );
  CREATE INDEX queue_tags_group ON queue_tags (group_id, tag, last_at);
  CREATE TABLE queue_counts (
    kind      TEXT PRIMARY KEY,
    questions INTEGER NOT NULL DEFAULT 0,
    groups    INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  INSERT INTO queue_counts (kind) VALUES ('fallback'), ('misroute'), ('sampled');
  INSERT INTO queue_counts (kind, questions) SELECT kind, COUNT(*) FROM unanswered WHERE status = 'new' GROUP BY kind
    ON CONFLICT (kind) DO UPDATE SET questions = excluded.questions;
  CREATE VIRTUAL TABLE unanswered_search USING fts5 (plain, tokenize = 'trigram', content = '', contentless_delete = 1);
  INSERT INTO unanswered_search (unanswered_search, rank) VALUES ('secure-delete', 1);
  -- Its segments are merged by the grouper, a little after each batch, not all at once at some commit.
  INSERT INTO unanswered_search (unanswered_search, rank) VALUES ('automerge', 0);
  INSERT INTO unanswered_search (unanswered_search, rank) VALUES ('crisismerge', 64);

  CREATE TRIGGER queue_question_in AFTER INSERT ON unanswered WHEN NEW.status = 'new' BEGIN
    INSERT INTO queue_counts (kind, questions) VALUES (NEW.kind, 1) ON CONFLICT (kind) DO UPDATE SET questions = questions + 1;
  END;
  CREATE TRIGGER queue_question_grouped AFTER UPDATE OF form_id ON unanswered
    WHEN OLD.form_id IS NULL AND NEW.form_id IS NOT NULL AND NEW.status = 'new' BEGIN
    UPDATE queue_groups SET first_seen = MIN(COALESCE(first_seen, NEW.created_at), NEW.created_at),
      last_seen = MAX(COALESCE(last_seen, NEW.created_at), NEW.created_at)
      WHERE id = (SELECT group_id FROM queue_forms WHERE id = NEW.form_id);
    UPDATE queue_forms SET open = open + 1 WHERE id = NEW.form_id;
  END;
  CREATE TRIGGER queue_question_resolved AFTER UPDATE OF status ON unanswered WHEN OLD.status = 'new' AND NEW.status <> 'new' BEGIN
${QUESTION_LEAVES}
  END;
  CREATE TRIGGER queue_question_deleted AFTER DELETE ON unanswered WHEN OLD.status = 'new' BEGIN
${QUESTION_LEAVES}
  END;
  CREATE TRIGGER queue_form_open AFTER UPDATE OF open ON queue_forms BEGIN
    UPDATE queue_groups SET open = open + NEW.open - OLD.open WHERE id = NEW.group_id;
    INSERT INTO queue_forms_gone (form_id, kind) SELECT OLD.id, OLD.kind WHERE NEW.open = 0;
    DELETE FROM queue_forms WHERE id = OLD.id AND NEW.open = 0;
  END;
  CREATE TRIGGER queue_group_open AFTER UPDATE OF open ON queue_groups BEGIN
    UPDATE queue_counts SET groups = groups + (NEW.open > 0) - (OLD.open > 0) WHERE kind = NEW.kind;
    DELETE FROM queue_groups WHERE id = OLD.id AND NEW.open = 0;
  END;
  CREATE TRIGGER queue_text_new AFTER INSERT ON queue_texts BEGIN
    UPDATE queue_groups SET texts = texts + 1 WHERE id = NEW.group_id;
  END;
  CREATE TRIGGER queue_text_gone AFTER UPDATE OF n ON queue_texts WHEN NEW.n = 0 BEGIN
    DELETE FROM queue_texts WHERE form_id = OLD.form_id AND text = OLD.text;
    UPDATE queue_groups SET texts = texts - 1 WHERE id = OLD.group_id;
  END;
  CREATE TRIGGER queue_tag_gone AFTER UPDATE OF n ON queue_tags WHEN NEW.n = 0 BEGIN
    DELETE FROM queue_tags WHERE form_id = OLD.form_id AND tag = OLD.tag;
  END;
  `;
