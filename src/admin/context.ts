/** What every console page needs: the signed-in staff member, the UI language, translation, the CSRF token. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language, Translator } from '../core/types.js';
import type { StaffRole } from '../storage/sqlite/staff-accounts.js';

export interface StaffContext {
  name: string;
  role: StaffRole;
  csrf: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffContext;
  }
}

export const SESSION_COOKIE = 'bhxh_staff';
export const LANG_COOKIE = 'bhxh_staff_lang';

export function cookies(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 4096) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (!(k in out)) out[k] = v;
  }
  return out;
}

export function languageOf(request: FastifyRequest): Language {
  return cookies(request)[LANG_COOKIE] === 'en' ? 'en' : 'vi';
}

/** `tr('key')` reads `admin.key` in the request's language. */
export function translatorFor(t: Translator, lang: Language) {
  return (key: string, vars?: Record<string, string | number>) => t(lang, `admin.${key}`, vars);
}
export type Tr = ReturnType<typeof translatorFor>;

/** A form field as one string (the first when repeated); '' when absent. */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | null | undefined)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

/** A repeated form field (checkboxes) as a list. */
export function fields(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | null | undefined)?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** Question ids posted as "1,2,3": whole positive numbers only, at most 1,000. */
export function idList(raw: string): number[] {
  return [...new Set(raw.split(',').map((s) => Number(s.trim())))].filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 1000);
}

export function redirect(reply: FastifyReply, to: string) {
  return reply.code(303).header('location', to).send();
}

/** A positive id from a route parameter, or undefined. */
export function positiveId(raw: string): number | undefined {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** An admin's knowledge change goes live at once; a reviewer's waits for an admin (the two-person rule). */
export const changeModeOf = (role: string): 'live' | 'propose' => (role === 'admin' ? 'live' : 'propose');
