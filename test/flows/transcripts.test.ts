/**
 * Runs the conversation transcripts in test/flows/transcripts/*.yaml through the real app (real SQLite in a
 * temp dir, real flows and knowledge): each turn says or presses something and lists what the bot must say
 * and offer. A turn may also move the clock or restart the app on the same database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { BotResponse } from '../../src/core/types.js';
import { ROOT, tempDir } from '../helpers/test-server.js';

interface Turn {
  say?: string;
  press?: string;
  wait_minutes?: number;
  restart?: boolean;
  expect?: string[];
  not?: string[];
  buttons?: string[];
  intent?: string;
  staff?: { question?: string; contact?: string | null };
}
interface Transcript {
  name: string;
  start?: string;
  turns: Turn[];
}

const DIR = join(ROOT, 'test/flows/transcripts');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

function run(t: Transcript) {
  const dataDir = tempDir();
  let now = Date.parse(t.start ?? '2026-11-25T03:00:00Z');
  const make = () => createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows'), FLOW_IDLE_MINUTES: '30' }), () => now);
  let app: App = make();
  let last: BotResponse | null = null;
  try {
    t.turns.forEach((turn, i) => {
      const where = `${t.name}, turn ${i + 1}`;
      if (turn.wait_minutes) now += turn.wait_minutes * 60_000;
      if (turn.restart) {
        app.close();
        app = make();
      }
      if (turn.say === undefined && turn.press === undefined) return;
      let input: { text?: string; payload?: string };
      if (turn.press !== undefined) {
        const button = last?.replies.flatMap((r) => r.buttons ?? []).find((b) => b.label === turn.press);
        expect(button, `${where}: no button "${turn.press}"`).toBeDefined();
        input = { payload: button!.payload };
      } else input = { text: turn.say! };
      last = app.handle('web', 'transcript-user', input);
      const text = last.replies.map((r) => r.text).join('\n');
      const labels = last.replies.flatMap((r) => r.buttons ?? []).map((b) => b.label);
      for (const e of turn.expect ?? []) expect(text, `${where}: expected "${e}"`).toContain(e);
      for (const n of turn.not ?? []) expect(text, `${where}: unexpected "${n}"`).not.toContain(n);
      for (const b of turn.buttons ?? []) expect(labels, `${where}: expected button "${b}"`).toContain(b);
      if (turn.intent) expect(last.outcome.kind, `${where}: intent`).toBe(turn.intent);
      if (turn.staff) {
        const [row] = app.staffQueue.list('new', 1);
        expect(row, `${where}: staff request`).toBeDefined();
        if (turn.staff.question !== undefined) expect(row!.question).toBe(turn.staff.question);
        if (turn.staff.contact !== undefined) expect(row!.contact).toBe(turn.staff.contact);
      }
    });
  } finally {
    app.close();
  }
}

describe('conversation transcripts', () => {
  for (const file of files) {
    const transcripts = parse(readFileSync(join(DIR, file), 'utf8')) as Transcript[];
    describe(file, () => {
      for (const t of transcripts) it(t.name, () => run(t));
    });
  }
});
