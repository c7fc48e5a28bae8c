/** The replies to commands and escape words (menu, help, language, start over, forget me, thanks). */
import type { Command } from './payload-codec.js';
import type { ReplyKit } from './replies.js';
import type { ConversationState, Reply, Translator } from './types.js';

export interface CommandResult {
  replies: Reply[];
  /** null: forget the user. */
  state: ConversationState | null;
}

export function runCommand(command: Command, state: ConversationState, firstContact: boolean, kit: ReplyKit, t: Translator): CommandResult {
  const lang = state.lang;
  switch (command) {
    case 'start':
    case 'greeting':
      return { replies: [kit.menu(lang, t(lang, firstContact ? 'welcome.first' : 'welcome.again'))], state };
    case 'menu':
      return { replies: [kit.menu(lang)], state: { ...state, flow: null } };
    case 'help':
      return { replies: [{ text: t(lang, 'help.text'), buttons: [kit.menuButton(lang)] }], state };
    case 'restart':
      return { replies: [kit.menu(lang, t(lang, 'restart.done'))], state: { ...state, flow: null } };
    case 'language':
      return {
        replies: [
          {
            text: t(lang, 'language.choose'),
            buttons: [
              { label: 'Tiếng Việt', payload: 'l:vi' },
              { label: 'English', payload: 'l:en' },
            ],
          },
        ],
        state,
      };
    case 'forget':
      return { replies: [{ text: t(lang, 'forget.done') }], state: null };
    case 'thanks':
      return { replies: [{ text: t(lang, 'thanks.reply'), buttons: [kit.menuButton(lang)] }], state };
  }
}
