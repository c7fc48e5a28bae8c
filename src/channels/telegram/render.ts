/**
 * Replies for Telegram: HTML with bold kept (everything else escaped), split under 4096 characters, buttons as
 * an inline keyboard (one per row, the two feedback buttons side by side) on the last part. Callback data is the core's payload (≤ 64 bytes).
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotResponse } from '../../core/types.js';
import { splitText } from '../shared/split-text.js';

export const TELEGRAM_TEXT_LIMIT = 4096;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toTelegramHtml(text: string): string {
  return escapeHtml(text).replace(/\*\*([^*\n]+)\*\*/g, '<b>$1</b>');
}

export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export function renderForTelegram(response: BotResponse): TelegramMessage[] {
  const out: TelegramMessage[] = [];
  for (const reply of response.replies) {
    // Split before markup so that the HTML of each part stays under the limit with room to spare.
    const parts = splitText(reply.text, TELEGRAM_TEXT_LIMIT - 200);
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const rows = last ? (reply.buttons ?? []).map((b) => [{ text: b.label, callback_data: b.payload }]) : [];
      // "Đúng ý tôi" / "Chưa đúng" side by side on one row under the others.
      const feedback = last ? (reply.feedback ?? []).map((b) => ({ text: b.label, callback_data: b.payload })) : [];
      if (feedback.length) rows.push(feedback);
      out.push({ text: toTelegramHtml(part), ...(rows.length ? { reply_markup: { inline_keyboard: rows } } : {}) });
    });
  }
  return out;
}

/** A response as the outbox keeps it for one Telegram chat. */
export function telegramOutgoing(chat: string, response: BotResponse): { chat: string; message: TelegramMessage }[] {
  return renderForTelegram(response).map((message) => ({ chat, message }));
}
