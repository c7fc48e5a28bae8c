/** Staff-console helpers for tests: accounts, sign-in over real HTTP, form posts with the page's CSRF token. */
import { hashPassword } from '../../src/admin/auth/password.js';
import type { App } from '../../src/app.js';

export async function addStaff(app: App, name: string, role: 'admin' | 'reviewer', password = `${name}-password-123`): Promise<string> {
  app.staffAccounts.add(name, role, await hashPassword(password), app.clock());
  return password;
}

export interface StaffClient {
  cookie: string;
  get(path: string): Promise<{ status: number; html: string; headers: Headers }>;
  /** Posts a form; the CSRF token is read from `csrfFrom` (a page path) unless given. */
  post(path: string, form: Record<string, string | string[]>, options?: { csrf?: string | null }): Promise<{ status: number; html: string; location: string | null }>;
  csrf(): Promise<string>;
}

/** Opens the sign-in page as a browser does: its CSRF cookie and the token the form repeats. */
export async function loginForm(url: string, headers: Record<string, string> = {}): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${url}/admin/login`, { headers });
  const cookie = (page.headers.getSetCookie().find((c) => c.startsWith('bhxh_login_csrf=')) ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, token };
}

/** Posts the sign-in form the way the page does (CSRF cookie and token included). */
export async function postLogin(url: string, name: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = await loginForm(url, headers);
  return fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie, ...headers },
    body: new URLSearchParams({ name, password, _csrf: form.token }),
    redirect: 'manual',
  });
}

export async function signIn(url: string, name: string, password: string): Promise<StaffClient> {
  const res = await postLogin(url, name, password);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bhxh_staff='))!.split(';')[0]!;
  const client: StaffClient = {
    cookie,
    async get(path) {
      const r = await fetch(url + path, { headers: { cookie }, redirect: 'manual' });
      return { status: r.status, html: await r.text(), headers: r.headers };
    },
    async csrf() {
      const page = await client.get('/admin/requests');
      const m = /name="_csrf" value="([^"]+)"/.exec(page.html);
      if (!m) throw new Error('no CSRF token on the page');
      return m[1]!;
    },
    async post(path, form, options = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      const token = options.csrf === undefined ? await client.csrf() : options.csrf;
      if (token !== null) body.append('_csrf', token);
      const r = await fetch(url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
      return { status: r.status, html: await r.text(), location: r.headers.get('location') };
    },
  };
  return client;
}

/** The ids of the first question group on the unanswered page whose title contains `text`. */
export function groupIds(html: string, text: string): string {
  const at = html.indexOf(text);
  if (at < 0) throw new Error(`no group with "${text}"`);
  const m = /name="ids" value="([\d,]+)"/.exec(html.slice(at));
  if (!m) throw new Error('no ids');
  return m[1]!;
}
