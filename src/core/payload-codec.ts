/**
 * The one codec for button payloads. Every button the bot sends carries a short string made here, and every
 * payload that comes back is parsed here; anything else is treated as forged or expired.
 * Payloads stay well under Telegram's 64-byte callback-data limit.
 */
import { LANGUAGES, type Language } from './types.js';

export type Command = 'start' | 'menu' | 'help' | 'language' | 'restart' | 'forget' | 'greeting' | 'thanks';
export const COMMANDS: readonly Command[] = ['start', 'menu', 'help', 'language', 'restart', 'forget', 'greeting', 'thanks'];

export type Action =
  | { type: 'faq'; entryId: string }
  | { type: 'topic'; topic: string }
  | { type: 'command'; command: Command }
  | { type: 'lang'; lang: Language }
  | { type: 'flow'; value: string }
  | { type: 'flow-start'; flowId: string }
  /** "Đúng ý tôi" / "Chưa đúng" on an answer, or "Không phải các câu trên" on a clarification. */
  | { type: 'feedback'; verdict: 'good' | 'bad'; entryId: string }
  | { type: 'feedback'; verdict: 'none' }
  /** "Trả lời cán bộ" under a staff reply: the next message goes to that request. */
  | { type: 'answer-staff'; requestId: number };

const ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
const FLOW_VALUE = /^[\p{L}\p{N} ._:-]{1,48}$/u;
const MAX_BYTES = 64;

export function encodePayload(action: Action): string {
  let s: string;
  switch (action.type) {
    case 'faq':
      s = `f:${action.entryId}`;
      break;
    case 'topic':
      s = `t:${action.topic}`;
      break;
    case 'command':
      s = `c:${action.command}`;
      break;
    case 'lang':
      s = `l:${action.lang}`;
      break;
    case 'flow':
      s = `w:${action.value}`;
      break;
    case 'flow-start':
      s = `s:${action.flowId}`;
      break;
    case 'answer-staff':
      s = `a:${action.requestId}`;
      break;
    case 'feedback':
      s = action.verdict === 'none' ? 'v:n' : `v:${action.verdict === 'good' ? 'g' : 'b'}:${action.entryId}`;
      break;
  }
  if (Buffer.byteLength(s, 'utf8') > MAX_BYTES) throw new Error(`payload over ${MAX_BYTES} bytes: ${s}`);
  return s;
}

export function decodePayload(payload: string): Action | null {
  if (typeof payload !== 'string' || Buffer.byteLength(payload, 'utf8') > MAX_BYTES) return null;
  const sep = payload.indexOf(':');
  if (sep !== 1) return null;
  const tag = payload[0];
  const value = payload.slice(2);
  switch (tag) {
    case 'f':
      return ID.test(value) ? { type: 'faq', entryId: value } : null;
    case 't':
      return ID.test(value) ? { type: 'topic', topic: value } : null;
    case 'c':
      return (COMMANDS as readonly string[]).includes(value) ? { type: 'command', command: value as Command } : null;
    case 'l':
      return (LANGUAGES as readonly string[]).includes(value) ? { type: 'lang', lang: value as Language } : null;
    case 'w':
      return FLOW_VALUE.test(value) ? { type: 'flow', value } : null;
    case 's':
      return ID.test(value) ? { type: 'flow-start', flowId: value } : null;
    case 'a':
      return /^[1-9]\d{0,14}$/.test(value) ? { type: 'answer-staff', requestId: Number(value) } : null;
    case 'v': {
      if (value === 'n') return { type: 'feedback', verdict: 'none' };
      const entryId = value.slice(2);
      if ((value.startsWith('g:') || value.startsWith('b:')) && ID.test(entryId)) return { type: 'feedback', verdict: value[0] === 'g' ? 'good' : 'bad', entryId };
      return null;
    }
    default:
      return null;
  }
}
