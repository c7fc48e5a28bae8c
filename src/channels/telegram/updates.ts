/** Telegram updates, validated (never cast): only the parts the bot uses. */
import { z } from 'zod';

const id = z.number().int().safe();
const user = z.object({ id }).passthrough();
const chat = z.object({ id }).passthrough();

const message = z
  .object({ message_id: id, from: user.optional(), chat, text: z.string().max(20_000).optional() })
  .passthrough();

const callbackQuery = z
  .object({ id: z.string().min(1).max(200), from: user, data: z.string().max(1000).optional(), message: z.object({ chat }).passthrough().optional() })
  .passthrough();

export const updateSchema = z
  .object({ update_id: z.number().int().nonnegative().safe(), message: message.optional(), callback_query: callbackQuery.optional() })
  .passthrough();

export type TelegramUpdate = z.infer<typeof updateSchema>;

export function parseTelegramUpdate(body: unknown): TelegramUpdate | null {
  const r = updateSchema.safeParse(body);
  return r.success ? r.data : null;
}
