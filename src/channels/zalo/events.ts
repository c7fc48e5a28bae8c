/**
 * Zalo Bot Platform events, validated (never cast). The webhook body has been documented both wrapped,
 * {ok, result: event}, and flat; both are accepted. Ids are opaque strings (numbers are turned into strings).
 */
import { z } from 'zod';

const id = z.union([z.string().min(1).max(128), z.number().int().nonnegative()]).transform(String);

const messageSchema = z
  .object({
    from: z.object({ id, display_name: z.string().max(500).optional(), is_bot: z.boolean().optional() }).passthrough(),
    chat: z.object({ id, chat_type: z.string().max(20).optional() }).passthrough(),
    message_id: id,
    date: z.number().optional(),
    text: z.string().max(20_000).optional(),
  })
  .passthrough();

const eventSchema = z.object({ event_name: z.string().min(1).max(100), message: messageSchema }).passthrough();

export type ZaloEvent = z.infer<typeof eventSchema>;

export function parseZaloEvent(data: unknown): ZaloEvent | null {
  const r = eventSchema.safeParse(data);
  return r.success ? r.data : null;
}

/** Accepts the wrapped and the flat body. */
export function parseZaloBody(body: unknown): ZaloEvent | null {
  if (body && typeof body === 'object' && 'result' in body && (body as { ok?: unknown }).ok !== undefined) {
    return parseZaloEvent((body as { result: unknown }).result);
  }
  return parseZaloEvent(body);
}
