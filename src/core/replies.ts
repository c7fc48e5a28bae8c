/**
 * Builders for the replies the core sends: menus, answers, clarification, fallback. All wording comes from the
 * translator (locale files) or from knowledge entries; none is written here.
 */
import type { FaqEntry, FaqIndex, FaqMatch } from './faq.js';
import { feedbackButtons } from './feedback.js';
import { encodePayload } from './payload-codec.js';
import { displayDay } from './vietnam-calendar.js';
import type { Button, Language, Reply, Translator } from './types.js';

/** Topics shown on the main menu, in order; the rest sit behind "more topics". */
const MAIN_TOPICS = ['voluntary', 'health', 'pension', 'one-time', 'compulsory', 'unemployment', 'registration', 'contacts'];
const MAX_LABEL = 60;
const MAX_TOPIC_BUTTONS = 8;

export function label(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length <= MAX_LABEL ? t : `${t.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

export interface ReplyKit {
  menu(lang: Language, intro?: string): Reply;
  moreTopics(lang: Language): Reply;
  topic(lang: Language, topic: string): Reply | null;
  /** An entry's answer; `also` are entries answering the message's other questions, offered first. */
  answer(lang: Language, entry: FaqEntry, also?: readonly FaqEntry[]): Reply;
  clarify(lang: Language, candidates: FaqMatch[]): Reply;
  fallback(lang: Language): Reply;
  menuButton(lang: Language): Button;
  /** After "Chưa đúng": talk to staff (when that flow exists), the menu. */
  afterNotRight(lang: Language): Button[];
}

export interface FlowLinks {
  /** The button label of a flow, or null when there is no such flow. */
  label(lang: Language, flowId: string): string | null;
  /** Flows offered on the main menu after the topics. */
  onMenu: readonly string[];
}

export function createReplyKit(faq: () => FaqIndex, t: Translator, flows?: FlowLinks): ReplyKit {
  const flowButton = (lang: Language, flowId: string): Button | null => {
    const l = flows?.label(lang, flowId);
    return l ? { label: l, payload: encodePayload({ type: 'flow-start', flowId }) } : null;
  };
  const menuButton = (lang: Language): Button => ({
    label: t(lang, 'buttons.menu'),
    payload: encodePayload({ type: 'command', command: 'menu' }),
  });
  const topicButton = (lang: Language, topic: string): Button => ({
    label: t(lang, `topics.${topic}`),
    payload: encodePayload({ type: 'topic', topic }),
  });
  const entryButton = (lang: Language, entry: Pick<FaqEntry, 'id' | 'question'>): Button => ({
    label: label(entry.question),
    payload: encodePayload({ type: 'faq', entryId: entry.id }),
  });

  function menu(lang: Language, intro?: string): Reply {
    const available = new Set(faq().topics());
    const main = MAIN_TOPICS.filter((x) => available.has(x));
    const buttons = main.map((x) => topicButton(lang, x));
    if ([...available].some((x) => !main.includes(x))) {
      buttons.push({ label: t(lang, 'buttons.moreTopics'), payload: encodePayload({ type: 'topic', topic: 'more' }) });
    }
    for (const id of flows?.onMenu ?? []) {
      const b = flowButton(lang, id);
      if (b) buttons.push(b);
    }
    return { text: intro ?? t(lang, 'menu.title'), buttons };
  }

  return {
    menu,
    menuButton,
    moreTopics(lang) {
      const rest = faq()
        .topics()
        .filter((x) => !MAIN_TOPICS.includes(x));
      return { text: t(lang, 'menu.more'), buttons: [...rest.map((x) => topicButton(lang, x)), menuButton(lang)] };
    },
    topic(lang, topic) {
      const entries = faq().topicEntries(topic);
      if (entries.length === 0) return null;
      const buttons = entries.slice(0, MAX_TOPIC_BUTTONS).map((e) => entryButton(lang, e));
      buttons.push(menuButton(lang));
      return { text: t(lang, 'topic.intro', { topic: t(lang, `topics.${topic}`) }), buttons };
    },
    answer(lang, entry, also = []) {
      const body = lang === 'en' && entry.answerEn ? entry.answerEn : entry.answer;
      const note = lang === 'en' && !entry.answerEn ? `${t(lang, 'answer.onlyVietnamese')}\n\n` : '';
      const alsoLine = also.length > 0 ? `\n\n${t(lang, 'answer.alsoAsked')}` : '';
      const source = t(lang, 'answer.source', { url: entry.sourceUrl, date: displayDay(entry.reviewed) });
      const text = `${note}${body.trim()}\n\n${t(lang, 'answer.basis', { basis: entry.legalBasis })}\n${source}${alsoLine}`;
      const related = entry.related
        .map((id) => faq().entry(id))
        .filter((e): e is FaqEntry => e !== undefined)
        .slice(0, 2)
        .map((e) => entryButton(lang, e));
      const offered = entry.flow ? flowButton(lang, entry.flow) : null;
      const asked = also.map((e) => entryButton(lang, e));
      const seen = new Set(asked.map((b) => b.payload));
      return {
        text,
        buttons: [...asked, ...(offered ? [offered] : []), ...related.filter((b) => !seen.has(b.payload)), menuButton(lang)],
        feedback: feedbackButtons(t, lang, entry.id),
      };
    },
    clarify(lang, candidates) {
      const buttons = candidates.map((c) => entryButton(lang, { id: c.id, question: faq().entry(c.id)?.question ?? c.question }));
      buttons.push({ label: t(lang, 'buttons.noneOfThese'), payload: encodePayload({ type: 'feedback', verdict: 'none' }) });
      return { text: t(lang, 'clarify.intro'), buttons };
    },
    fallback(lang) {
      return menu(lang, t(lang, 'fallback.text'));
    },
    afterNotRight(lang) {
      const staff = flowButton(lang, 'talk-to-staff');
      return [...(staff ? [staff] : []), menuButton(lang)];
    },
  };
}
