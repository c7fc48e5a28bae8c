/**
 * Staff replies reach the citizen on the channel they used: Telegram and Zalo through the outbox (in the same
 * transaction as the reply is recorded, so it goes exactly once, to the sealed chat), Zalo only inside its
 * reply window (7 days after the person last wrote); the web chat shows it the next time the page asks (it
 * polls gently while open). Each reply carries "Trả lời cán bộ" so the person can answer into the same request.
 */
import { encodePayload } from '../core/payload-codec.js';
import type { BotResponse, Button, Language, SessionStore, Translator } from '../core/types.js';
import type { OutboxStore } from '../storage/outbox-store.js';
import type { StaffThreads } from '../storage/sqlite/staff-threads.js';
import { telegramOutgoing } from './telegram/render.js';
import { zaloOutgoing } from './zalo/adapter.js';

/** Zalo refuses consultation messages 7 days after the person's last message (error -230). */
export const ZALO_WINDOW_MS = 7 * 86_400_000;
export const MAX_STAFF_REPLY = 2_000;

export type StaffReplyResult = { ok: true; via: 'telegram' | 'zalo' | 'web' } | { ok: false; problem: 'not-found' | 'empty' | 'window-closed' | 'no-address' };

export interface StaffReplyDeps {
  threads: StaffThreads;
  outbox: OutboxStore;
  sessions: SessionStore;
  t: Translator;
  now: () => number;
  /** Runs fn in one database transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Asks the platform to send what waits in its outbox now. */
  kick: (channel: 'telegram' | 'zalo') => void;
}

export function createStaffReplies(deps: StaffReplyDeps) {
  const answerButton = (lang: Language, requestId: number): Button => ({ label: deps.t(lang, 'staffReply.answerButton'), payload: encodePayload({ type: 'answer-staff', requestId }) });
  const langOf = (userKey: string | null): Language => (userKey ? (deps.sessions.get(userKey)?.lang ?? 'vi') : 'vi');
  const message = (lang: Language, requestId: number, text: string): BotResponse => ({
    replies: [{ text: deps.t(lang, 'staffReply.header', { text }), buttons: [answerButton(lang, requestId)] }],
    outcome: { kind: 'command', command: 'staff-reply' },
  });
  /** A typed "1" picks "Trả lời cán bộ" on channels without buttons: it becomes what the person was offered. */
  const offer = (userKey: string | null, button: Button) => {
    const state = userKey ? deps.sessions.get(userKey) : undefined;
    if (userKey && state) deps.sessions.set(userKey, { ...state, offered: [button] });
  };

  return {
    reply(requestId: number, staff: string, raw: string): StaffReplyResult {
      const text = raw.replace(/\r\n/g, '\n').trim().slice(0, MAX_STAFF_REPLY);
      if (!text) return { ok: false, problem: 'empty' };
      const to = deps.threads.address(requestId);
      if (!to) return { ok: false, problem: 'not-found' };
      const now = deps.now();
      const lang = langOf(to.userKey);
      if (to.channel === 'web' || to.channel === 'console') {
        if (!to.userKey) return { ok: false, problem: 'no-address' };
        deps.threads.addStaffReply(requestId, staff, text, now, false);
        return { ok: true, via: 'web' };
      }
      if (!to.chat) return { ok: false, problem: 'no-address' };
      const lastWrote = Math.max(to.lastContactAt, (to.userKey ? deps.sessions.get(to.userKey)?.lastActiveAt : undefined) ?? 0);
      if (to.channel === 'zalo' && now - lastWrote > ZALO_WINDOW_MS) return { ok: false, problem: 'window-closed' };
      const response = message(lang, requestId, text);
      const items = to.channel === 'telegram' ? telegramOutgoing(to.chat, response) : zaloOutgoing(to.chat, response, deps.t);
      const channel = to.channel;
      deps.transaction(() => {
        deps.outbox.add(channel, items, now);
        deps.threads.addStaffReply(requestId, staff, text, now, true);
        offer(to.userKey, answerButton(lang, requestId));
      });
      deps.kick(channel);
      return { ok: true, via: channel };
    },
    /** The staff replies waiting for a web person, as chat replies; each is handed over once. */
    webInbox(userKey: string): BotResponse['replies'] {
      const lang = langOf(userKey);
      return deps.transaction(() => deps.threads.takeWebReplies(userKey, deps.now())).flatMap((r) => message(lang, r.requestId, r.text).replies);
    },
  };
}

export type StaffReplies = ReturnType<typeof createStaffReplies>;
