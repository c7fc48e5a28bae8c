/**
 * Fakes of the Zalo Bot API and the Telegram Bot API on 127.0.0.1, following the documented methods and
 * envelopes (../shared/reference/messaging-apis.md), with faults to inject. For tests only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface Sent {
  method: string;
  body: Record<string, unknown>;
}

type Reply = (status: number, payload: unknown) => void;
type Fault = { method: string; status: number; retryAfter?: number };

/**
 * A bot API on 127.0.0.1 routed as /bot<TOKEN>/<method>: a wrong token gets 401, an injected fault for the
 * method is answered (and consumed) first, anything else goes to `handle`.
 */
async function startBotApi(token: string, faults: Fault[], faultBody: (f: Fault) => unknown, handle: (method: string, body: Record<string, unknown>, reply: Reply) => unknown) {
  // While hung, requests are read and then left unanswered (a platform that hangs) until unhang().
  let hung: { promise: Promise<void>; release: () => void } | undefined;
  let waiting = 0;
  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    if (hung) {
      waiting++;
      await hung.promise;
      waiting--;
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const reply: Reply = (status, payload) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!m || m[1] !== token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const fault = faults.findIndex((f) => f.method === method);
    if (fault >= 0) {
      const f = faults.splice(fault, 1)[0]!;
      return reply(f.status, faultBody(f));
    }
    return handle(method, body, reply);
  });
  const control = {
    hang() {
      let release!: () => void;
      const promise = new Promise<void>((r) => (release = r));
      hung = { promise, release };
    },
    unhang() {
      hung?.release();
      hung = undefined;
    },
    /** Requests held unanswered right now. */
    hanging: () => waiting,
  };
  const close = () =>
    new Promise<void>((r) => {
      control.unhang();
      server.closeAllConnections();
      server.close(() => r());
    });
  return { server, url: await listen(server), control, close };
}

/** Zalo Bot Platform: /bot<TOKEN>/<method>, envelope {ok, result | error_code, description}. */
export async function startFakeZalo(token: string) {
  const events: unknown[] = [];
  const sent: Sent[] = [];
  const faults: Fault[] = [];
  let webhook = '';
  const { url, control, close } = await startBotApi(
    token,
    faults,
    (f) => ({ ok: false, error_code: f.status, description: f.status === 429 ? 'Quota exceeded' : 'Internal error' }),
    async (method, body, reply) => {
    switch (method) {
      case 'getMe':
        return reply(200, { ok: true, result: { id: '1234', account_name: 'bot.tro_ly_bhxh', account_type: 'BASIC', can_join_groups: false } });
      case 'getUpdates': {
        const next = events.shift();
        if (next) return reply(200, { ok: true, result: next });
        await new Promise((r) => setTimeout(r, 50)); // a short long-poll
        return reply(408, { ok: false, error_code: 408, description: 'Request timeout' });
      }
      case 'sendMessage':
        if (typeof body.text !== 'string' || body.text.length < 1 || body.text.length > 2000) {
          return reply(400, { ok: false, error_code: 400, description: 'text must be 1-2000 characters' });
        }
        sent.push({ method, body });
        return reply(200, { ok: true, result: { message_id: `m${sent.length}`, date: Date.now() } });
      case 'sendChatAction':
      case 'sendPhoto':
        sent.push({ method, body });
        return reply(200, { ok: true, result: {} });
      case 'setWebhook':
        webhook = String(body.url ?? '');
        return reply(200, { ok: true, result: { url: webhook, updated_at: Date.now() } });
      case 'deleteWebhook':
        webhook = '';
        return reply(200, { ok: true, result: { url: '', updated_at: Date.now() } });
      case 'getWebhookInfo':
        return reply(200, { ok: true, result: { url: webhook, updated_at: Date.now() } });
      default:
        return reply(404, { ok: false, error_code: 404, description: 'Not found' });
    }
    },
  );
  return {
    url,
    events,
    sent,
    faults,
    texts: () => sent.filter((s) => s.method === 'sendMessage').map((s) => String(s.body.text)),
    webhook: () => webhook,
    ...control,
    close,
  };
}

/** A minimal Telegram Bot API: records sends, can answer 429 with retry_after or fail with 500. */
export async function startFakeTelegram(token: string) {
  const sent: Sent[] = [];
  const faults: Fault[] = [];
  const { url, control, close } = await startBotApi(
    token,
    faults,
    (f) => ({
      ok: false,
      error_code: f.status,
      description: f.status === 429 ? `Too Many Requests: retry after ${f.retryAfter}` : 'Internal Server Error',
      ...(f.retryAfter !== undefined ? { parameters: { retry_after: f.retryAfter } } : {}),
    }),
    (method, body, reply) => {
    sent.push({ method, body });
    if (method === 'sendMessage' && String(body.text ?? '').length > 4096) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    return reply(200, { ok: true, result: method === 'sendMessage' ? { message_id: sent.length, date: 0, chat: { id: body.chat_id, type: 'private' }, text: body.text } : true });
    },
  );
  return {
    url,
    sent,
    faults,
    messages: () => sent.filter((s) => s.method === 'sendMessage'),
    ...control,
    close,
  };
}

export async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
