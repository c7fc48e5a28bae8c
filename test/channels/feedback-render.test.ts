/**
 * "Đúng ý tôi" / "Chưa đúng" as each channel shows them: Telegram two buttons side by side under the answer's
 * own buttons, Zalo (no buttons) a hint to type 0; the payloads decode to the feedback the router handles.
 */
import { describe, expect, it } from 'vitest';
import { renderForTelegram } from '../../src/channels/telegram/render.js';
import { renderForZalo } from '../../src/channels/zalo/adapter.js';
import { feedbackButtons } from '../../src/core/feedback.js';
import { decodePayload, encodePayload } from '../../src/core/payload-codec.js';
import type { BotResponse } from '../../src/core/types.js';
import { createI18n } from '../../src/i18n/translator.js';

const i18n = createI18n();
const answer = (): BotResponse => ({
  replies: [{ text: 'BHXH tự nguyện là…', buttons: [{ label: 'Menu chính', payload: 'c:menu' }], feedback: feedbackButtons(i18n.t, 'vi', 'vol-what-is') }],
  outcome: { kind: 'answer', entryId: 'vol-what-is', score: 1 },
});

describe('feedback buttons on every channel', () => {
  it('Telegram: one row of two under the answer buttons', () => {
    const [message] = renderForTelegram(answer());
    const rows = message!.reply_markup!.inline_keyboard;
    expect(rows.at(-1)!.map((b) => b.text)).toEqual(['Đúng ý tôi', 'Chưa đúng']);
    expect(rows[0]!.map((b) => b.text)).toEqual(['Menu chính']);
    expect(rows.at(-1)!.map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(['v:g:vol-what-is', 'v:b:vol-what-is']);
  });

  it('Zalo: the options numbered from 1 and a hint to type 0', () => {
    const [text] = renderForZalo(answer(), i18n.t);
    expect(text).toContain('1. Menu chính');
    expect(text).toMatch(/Gõ 0 nếu câu trả lời chưa đúng ý bạn\.$/);
  });

  it('English labels, and payloads that decode (and nothing forged does)', () => {
    expect(feedbackButtons(i18n.t, 'en', 'vol-what-is').map((b) => b.label)).toEqual(['Helpful', 'Not right']);
    expect(decodePayload('v:b:vol-what-is')).toEqual({ type: 'feedback', verdict: 'bad', entryId: 'vol-what-is' });
    expect(decodePayload(encodePayload({ type: 'feedback', verdict: 'none' }))).toEqual({ type: 'feedback', verdict: 'none' });
    for (const forged of ['v:x:vol-what-is', 'v:b:', 'v:b:Vol<script>', 'v:g']) expect(decodePayload(forged)).toBeNull();
  });
});
