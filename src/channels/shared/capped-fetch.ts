/**
 * fetch for the platform clients (grammY takes it as `client.fetch`): a response is read up to `maxBytes` and
 * refused past that (a 50 MB answer once took the process from 161 to 468 MB), redirects are not followed
 * (the token is in the path; a redirect could carry it elsewhere), and the error says neither the URL nor
 * the token.
 */
export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(readonly maxBytes: number) {
    super(`platform response larger than ${maxBytes} bytes, refused`);
  }
}

export function cappedFetch(maxBytes: number, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, { ...init, redirect: 'manual' });
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new ResponseTooLarge(maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new ResponseTooLarge(maxBytes);
        }
        chunks.push(value);
      }
    }
    return new Response(chunks.length ? Buffer.concat(chunks) : null, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
