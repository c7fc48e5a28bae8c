/**
 * The terminal chat: reads lines, sends them through the same core, prints replies with numbered options.
 * Typing an option's number (or its words) presses that button.
 */
import { createInterface } from 'node:readline';
import type { Language, Translator } from '../../core/types.js';
import type { ChatHandler } from '../chat-handler.js';
import { numberList, renderNumbered } from '../shared/numbered-options.js';

export interface ConsoleChatDeps {
  handle: ChatHandler;
  t: Translator;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Stable per terminal user, so the conversation resumes next time. */
  platformId: string;
  lang?: Language;
}

export async function runConsoleChat(deps: ConsoleChatDeps): Promise<void> {
  const lang = deps.lang ?? 'vi';
  const rl = createInterface({ input: deps.input, output: deps.output, terminal: false });
  const print = (s: string) => deps.output.write(`${s}\n`);

  async function send(input: { text?: string; payload?: string }) {
    const response = await deps.handle('console', deps.platformId, input);
    for (const reply of response.replies) {
      const b = reply.buttons ?? [];
      const hint = deps.t(lang, 'numbered.hint', { list: numberList(b.length, deps.t(lang, 'numbered.or')) });
      const notRight = reply.feedback?.length ? `\n${deps.t(lang, 'feedback.typeZero')}` : '';
      print(`\n${deps.t(lang, 'web.bot')}: ${renderNumbered(reply.text.replace(/\*\*/g, ''), b, hint)}${notRight}`);
    }
    deps.output.write('\n> ');
  }

  await send({ payload: `l:${lang}` });
  for await (const line of rl) {
    const text = line.trim();
    if (!text) {
      deps.output.write('> ');
      continue;
    }
    await send({ text }); // a typed option number or its words is resolved by the core
  }
}
