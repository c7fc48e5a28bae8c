/**
 * A thin typed client for the Zalo Bot Platform API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>).
 * The token sits in the URL path, so no error this module throws carries a URL or an axios config. Every call
 * has a timeout, a bounded answer (MAX_ZALO_RESPONSE_BYTES) and body, no redirects, and only relative paths
 * under the API root (axios' allowAbsoluteUrls off: CVE-2025-27152).
 */
import axios, { type AxiosInstance } from 'axios';
import { parseZaloEvent, type ZaloEvent } from './events.js';

/** An error answered by the platform (or the network, with code 0). Safe to log: no URL, no token. */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  constructor(
    readonly errorCode: number,
    description: string,
    readonly method: string,
  ) {
    super(`Zalo ${method} failed (${errorCode}): ${description}`);
  }
}

export interface ZaloClient {
  getMe(): Promise<{ id: string; account_name?: string }>;
  /** One event, or null when the long poll timed out empty (408). */
  getUpdates(timeoutSeconds: number): Promise<ZaloEvent | null>;
  setWebhook(url: string, secretToken: string): Promise<unknown>;
  deleteWebhook(): Promise<unknown>;
  getWebhookInfo(): Promise<{ url: string }>;
  sendMessage(chatId: string, text: string): Promise<unknown>;
  sendChatAction(chatId: string, action: 'typing'): Promise<unknown>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<unknown>;
}

/** The largest answer read from the platform (an event or a send receipt is a few KB). */
export const MAX_ZALO_RESPONSE_BYTES = 1024 * 1024;

export function createZaloClient(options: { token: string; apiRoot: string; timeoutMs?: number }): ZaloClient {
  const http: AxiosInstance = axios.create({
    baseURL: `${options.apiRoot}/bot${options.token}`,
    allowAbsoluteUrls: false,
    timeout: options.timeoutMs ?? 10_000,
    headers: { 'content-type': 'application/json' },
    validateStatus: () => true, // every status is read as data below; nothing throws with the URL inside
    maxRedirects: 0,
    maxContentLength: MAX_ZALO_RESPONSE_BYTES,
    maxBodyLength: 64 * 1024,
  });

  async function call<T>(method: string, body: Record<string, unknown> = {}, timeoutMs?: number): Promise<T> {
    let res;
    try {
      res = await http.post(`/${method}`, body, timeoutMs ? { timeout: timeoutMs } : {});
    } catch (err) {
      // Only the code is kept: axios errors carry the config and the URL, with the token in it.
      const code = (err as { code?: string }).code ?? 'network';
      const tooLarge = /maxContentLength/.test(String((err as Error)?.message));
      throw new ZaloApiError(0, tooLarge ? 'response too large, refused' : `network error ${code}`, method);
    }
    const data = res.data as { ok?: boolean; result?: unknown; description?: string; error_code?: number } | undefined;
    if (res.status >= 400 || !data || data.ok !== true) {
      const code = data?.error_code ?? res.status;
      throw new ZaloApiError(code, String(data?.description ?? `HTTP ${res.status}`).slice(0, 200), method);
    }
    return data.result as T;
  }

  return {
    getMe: () => call('getMe'),
    async getUpdates(timeoutSeconds) {
      try {
        const result = await call<unknown>('getUpdates', { timeout: String(timeoutSeconds) }, (timeoutSeconds + 5) * 1000);
        return result ? parseZaloEvent(result) : null;
      } catch (err) {
        if (err instanceof ZaloApiError && err.errorCode === 408) return null;
        throw err;
      }
    },
    setWebhook: (url, secretToken) => call('setWebhook', { url, secret_token: secretToken }),
    deleteWebhook: () => call('deleteWebhook'),
    getWebhookInfo: () => call('getWebhookInfo'),
    sendMessage: (chatId, text) => call('sendMessage', { chat_id: chatId, text }),
    sendChatAction: (chatId, action) => call('sendChatAction', { chat_id: chatId, action }),
    sendPhoto: (chatId, photo, caption) => call('sendPhoto', { chat_id: chatId, photo, ...(caption ? { caption } : {}) }),
  };
}
