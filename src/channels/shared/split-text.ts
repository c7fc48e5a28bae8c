/**
 * Splits a long reply for platforms with a length limit (Telegram 4096, Zalo 2000): at paragraph breaks first,
 * then line breaks, then sentence ends, then spaces; never inside a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = -1;
    for (const sep of ['\n\n', '\n', '. ', ' ']) {
      const at = window.lastIndexOf(sep);
      if (at > limit * 0.3) {
        cut = at + (sep === '. ' ? 1 : 0);
        break;
      }
    }
    if (cut <= 0) cut = limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep surrogate pairs whole
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}
