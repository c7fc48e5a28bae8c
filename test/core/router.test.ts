import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from '../../src/core/payload-codec.js';
import { createRouter } from '../../src/core/router.js';
import type { InboundMessage } from '../../src/core/types.js';
import { createI18n } from '../../src/i18n/translator.js';
import { createFaqIndex } from '../../src/knowledge/faq-index.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { createMemoryMetricsSink, createMemorySessionStore, createMemoryUnansweredQueue } from '../../src/storage/memory/memory-stores.js';
import { ROOT } from '../helpers/test-server.js';

const kb = loadKnowledgeBase(join(ROOT, 'knowledge'));
const faq = createFaqIndex(kb.entries, kb);
const i18n = createI18n();

function setup(now = Date.UTC(2026, 10, 25, 3, 0)) {
  const sessions = createMemorySessionStore();
  const metrics = createMemoryMetricsSink();
  const unanswered = createMemoryUnansweredQueue();
  const clock = { t: now, now() { return this.t; } };
  const router = createRouter({ faq: () => faq, sessions, metrics, unanswered, t: i18n.t, clock, defaultLanguage: 'vi' });
  const say = (text: string, userKey = 'k1') => router.handle({ channel: 'web', userKey, text });
  const press = (payload: string, userKey = 'k1') => router.handle({ channel: 'web', userKey, payload } as InboundMessage);
  return { router, sessions, metrics, unanswered, clock, say, press };
}

describe('router', () => {
  it('answers an FAQ with the entry text and its legal basis', () => {
    const { say } = setup();
    const r = say('bhxh tu nguyen la gi');
    expect(r.outcome).toMatchObject({ kind: 'answer', entryId: 'vol-what-is' });
    const answer = r.replies.at(-1)!;
    expect(answer.text).toContain('từ đủ 15 tuổi');
    expect(answer.text).toMatch(/Căn cứ: Luật BHXH số 41\/2024\/QH15/);
    expect(answer.buttons?.some((b) => b.payload === 'c:menu')).toBe(true);
  });

  it('tells a first-time user that it is a bot and what it keeps, once', () => {
    const { say } = setup();
    const first = say('bhxh tu nguyen la gi');
    expect(first.replies[0]!.text).toContain('chatbot');
    expect(first.replies[0]!.text).toContain('xóa dữ liệu');
    const second = say('tuoi nghi huu nam 2026');
    expect(second.replies).toHaveLength(1);
  });

  it('greets "xin chào" with a menu, not a fallback', () => {
    const { say, unanswered } = setup();
    const r = say('xin chào');
    expect(r.outcome).toEqual({ kind: 'command', command: 'greeting' });
    expect(r.replies[0]!.text).toContain('Trợ lý BHXH');
    expect(r.replies[0]!.buttons!.length).toBeGreaterThanOrEqual(6);
    expect(unanswered.items).toHaveLength(0);
  });

  it('falls back politely, gives the hotline, and saves the question redacted', () => {
    const { say, unanswered } = setup();
    const r = say('giá vàng hôm nay? gọi 0912 345 678, cccd 001234567890, mail a.b@gmail.com');
    expect(r.outcome.kind).toBe('fallback');
    expect(r.replies.at(-1)!.text).toContain('1900 9068');
    expect(r.replies.at(-1)!.buttons!.length).toBeGreaterThan(0);
    expect(unanswered.items).toHaveLength(1);
    const saved = unanswered.items[0]!;
    expect(saved.text).toBe('giá vàng hôm nay? gọi [SĐT], cccd [CCCD], mail [email]');
    expect(saved.folded).toBe('gia vang hom nay goi can cuoc cong dan mail');
    expect(JSON.stringify(saved)).not.toMatch(/0912|345 678|001234567890|gmail/);
  });

  it('stores nothing for a newcomer whose first message needs no state (the menu), and a typed number still picks from that menu', () => {
    const { say, sessions, unanswered } = setup();
    const r = say('giá vàng hôm nay');
    expect(r.outcome.kind).toBe('fallback');
    expect(sessions.size()).toBe(0);
    expect(unanswered.items).toHaveLength(1); // the question still reaches staff
    const menu = r.replies.at(-1)!.buttons!;
    const second = say('1');
    expect(second.outcome).toEqual({ kind: 'command', command: 'topic' });
    expect(second.replies.at(-1)!.text).toContain(menu[0]!.label);
    expect(sessions.size()).toBe(1); // now there is something to remember: the topic's questions offered
  });

  it('answers a stateless newcomer (a flood from one address) without storing or queueing anything, and a known person as usual', () => {
    const { router, sessions, unanswered } = setup();
    const ask = (userKey: string, text: string) => router.handle({ channel: 'web', userKey, text, stateless: true });
    expect(ask('flood-1', 'bhxh tu nguyen la gi').outcome).toMatchObject({ kind: 'answer', entryId: 'vol-what-is' });
    expect(ask('flood-2', 'giá vàng hôm nay').outcome.kind).toBe('fallback');
    expect([sessions.size(), unanswered.items.length]).toEqual([0, 0]);
    router.handle({ channel: 'web', userKey: 'known', text: 'bhxh tu nguyen la gi' });
    expect(sessions.size()).toBe(1);
    ask('known', 'giá vàng hôm nay');
    expect(unanswered.items).toHaveLength(1);
    expect(sessions.get('known')!.lastActiveAt).toBeDefined();
  });

  it('offers "Có phải bạn muốn hỏi…" with up to 3 buttons when unsure', () => {
    const { say } = setup();
    const r = say('bhxh tu nguyen');
    if (r.outcome.kind === 'clarify') {
      expect(r.replies.at(-1)!.text).toContain('Có phải bạn muốn hỏi');
      const faqButtons = r.replies.at(-1)!.buttons!.filter((b) => b.payload.startsWith('f:'));
      expect(faqButtons.length).toBeGreaterThanOrEqual(1);
      expect(faqButtons.length).toBeLessThanOrEqual(3);
    } else {
      expect(r.outcome).toMatchObject({ kind: 'answer' });
    }
  });

  it('follows buttons: topic → question → answer', () => {
    const { press } = setup();
    const topic = press('t:pension');
    const q = topic.replies.at(-1)!.buttons!.find((b) => b.payload.startsWith('f:'))!;
    const answer = press(q.payload);
    expect(answer.outcome.kind).toBe('answer');
    expect(faq.entry((answer.outcome as { entryId: string }).entryId)!.topic).toBe('pension');
  });

  it('answers a forged or stale payload politely with the menu', () => {
    const { press } = setup();
    for (const p of ['f:no-such-entry', 'zz', 'c:rm -rf', 't:lottery', 'x'.repeat(200)]) {
      const r = press(p);
      expect(r.outcome.kind).toBe('command');
      expect(r.replies.at(-1)!.text).toMatch(/không còn dùng được|menu/i);
    }
  });

  it('switches language by command and by button, and answers in English', () => {
    const { say, press } = setup();
    say('xin chào');
    const choose = say('ngôn ngữ');
    expect(choose.replies[0]!.buttons!.map((b) => b.payload)).toEqual(['l:vi', 'l:en']);
    const switched = press('l:en');
    expect(switched.replies[0]!.text).toMatch(/Switched to English/);
    expect(say('menu').replies[0]!.text).toMatch(/What would you like/);
    expect(say('english').replies[0]!.text).toMatch(/What would you like/);
    expect(say('tiếng việt').replies[0]!.text).toMatch(/tiếng Việt/);
  });

  it('forgets a user on request', () => {
    const { say, sessions } = setup();
    say('bhxh tu nguyen la gi');
    expect(sessions.get('k1')).toBeDefined();
    const r = say('xoa du lieu');
    expect(r.outcome).toEqual({ kind: 'command', command: 'forget' });
    expect(sessions.get('k1')).toBeUndefined();
  });

  it('handles escape words: menu, help, bắt đầu lại', () => {
    const { say } = setup();
    expect(say('MENU').outcome).toEqual({ kind: 'command', command: 'menu' });
    expect(say('trợ giúp').replies[0]!.text).toContain('1900 9068');
    expect(say('bat dau lai').outcome).toEqual({ kind: 'command', command: 'restart' });
    expect(say('/help').outcome).toEqual({ kind: 'command', command: 'help' });
  });

  it('treats empty text as a request for the menu, not an unanswered question', () => {
    const { say, unanswered } = setup();
    const r = say('   ?!  ');
    expect(r.outcome.kind).toBe('command');
    expect(unanswered.items).toHaveLength(0);
  });

  it('counts anonymous engagement: one conversation per user per day, outcomes, entries, topics', () => {
    const { say, metrics, clock } = setup();
    say('bhxh tu nguyen la gi');
    say('tuoi nghi huu nam 2026');
    say('giá vàng hôm nay');
    say('xin chào', 'k2');
    clock.t += 24 * 3600_000;
    say('menu');
    const count = (metric: string, key: string) => metrics.events.filter((e) => e.metric === metric && e.key === key).length;
    expect(count('conversation', 'started')).toBe(3);
    expect(count('message', 'answer')).toBe(2);
    expect(count('message', 'fallback')).toBe(1);
    expect(count('entry', 'vol-what-is')).toBe(1);
    expect(count('topic', 'pension')).toBe(1);
    expect(JSON.stringify(metrics.events)).not.toContain('k1');
  });

  it('restarts politely on stale state of another version', () => {
    const { say, sessions } = setup();
    sessions.set('k1', { version: 99, lang: 'en' } as never);
    expect(say('menu').replies[0]!.text).toContain('Bạn muốn hỏi');
  });
});

describe('payload codec', () => {
  it('round-trips every action and stays within 64 bytes', () => {
    const actions = [
      { type: 'faq', entryId: 'vol-what-is' },
      { type: 'topic', topic: 'one-time' },
      { type: 'command', command: 'menu' },
      { type: 'lang', lang: 'en' },
      { type: 'flow', value: 'hộ cận nghèo' },
    ] as const;
    for (const a of actions) {
      const p = encodePayload(a);
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(64);
      expect(decodePayload(p)).toEqual(a);
    }
    expect(() => encodePayload({ type: 'faq', entryId: 'x'.repeat(80) })).toThrow();
  });
});
