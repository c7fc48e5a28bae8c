/**
 * The review queue: questions the bot could not answer, answers citizens marked "Chưa đúng" (misroutes) and
 * doubtful answers sampled for review, each kind on its own tab, grouped; attach / new entry / dismiss,
 * effective at once. The groups are kept by the grouper as questions arrive and read from SQL a page at a time,
 * so a page costs the same with 50 or 50,000 questions waiting.
 */
import type { FastifyInstance } from 'fastify';
import { REDACTION_LABEL } from '../../privacy/redact.js';
import { normalizeText } from '../../text/normalize.js';
import type { ConsoleDeps } from '../console.js';
import { changeModeOf, field, fields, idList, redirect } from '../context.js';
import { html } from '../html.js';
import { describeGroup, membersOfRef, searchGroups } from '../queue-page.js';
import { createQueueGrouper } from '../queue-grouper.js';
import { breather, pause } from '../event-loop-slices.js';
import { newEntryBody, questionsBody, type EntryDraft, type GroupView } from '../views/questions.js';
import { sendPage } from './render.js';
import { vietnamDay } from '../../core/vietnam-calendar.js';
import { QUEUE_KINDS, type QueueKind } from '../../core/types.js';

/** Groups on one page of the queue. */
export const GROUPS_PER_PAGE = 25;
/**
 * What a page waits for of the questions still to group (there are some only after a burst, the grouper runs
 * every few seconds): all of them up to PAGE_WAITS_FOR (a second or two at worst), else PAGE_WAIT_MS at most.
 */
export const PAGE_WAITS_FOR = 2_500;
export const PAGE_WAIT_MS = 1_000;
const GROUPER_EVERY_MS = 2_000;
/** Milliseconds a page's work runs before the bot's turns get the event loop. */
const PAGE_SLICE_MS = 5;
/** Questions resolved in one transaction (a big group is resolved in several, the bot answering in between). */
const RESOLVE_CHUNK = 25;
type FaqIndex = ReturnType<ConsoleDeps['knowledge']['faq']>;
/** Group titles whose nearest answers are remembered. */
const NEAREST_KEPT = 2_000;
const DISMISS_REASONS = new Set(['out-of-scope', 'spam', 'duplicate']);

/** A suggested entry id from the question: folded words, kebab-case, prefixed so staff entries stand out. */
export function suggestId(text: string): string {
  const words = normalizeText(text).folded.filter((w) => /^[a-z0-9]+$/.test(w)).slice(0, 6);
  return ['staff', ...words].join('-').slice(0, 40).replace(/-+$/, '');
}

export function registerQuestionRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  const grouper = createQueueGrouper(deps.queue, { onError: (err) => admin.log.error({ err }, 'grouping the review queue failed') });
  grouper.start(GROUPER_EVERY_MS);
  admin.addHook('onClose', async () => grouper.stop());

  /** The open questions a form names: listed ids, and whole groups by ref (up to what the page showed). */
  const chosen = async (ids: readonly number[], refs: readonly string[]) => {
    const out = new Map(deps.unanswered.open(ids).map((q) => [q.id, q.text]));
    for (const ref of refs.slice(0, 50)) for (const q of await membersOfRef(deps.queue, ref)) out.set(q.id, q.text);
    return [...out].map(([id, text]) => ({ id, text }));
  };
  const chosenIn = (body: unknown) => chosen(idList(field(body, 'ids')), fields(body, 'group'));
  const resolve = async (ids: readonly number[], status: Parameters<ConsoleDeps['unanswered']['resolve']>[1], resolution: string) => {
    for (let i = 0; i < ids.length; i += RESOLVE_CHUNK) {
      if (i > 0) await pause();
      deps.unanswered.resolve(ids.slice(i, i + RESOLVE_CHUNK), status, resolution, deps.now());
    }
  };
  // The nearest answers to a group's title, remembered until the knowledge changes (a new index): a retrieval
  // costs milliseconds, and the same groups are shown again and again.
  const nearestCache = new WeakMap<FaqIndex, Map<string, ReturnType<FaqIndex['nearest']>>>();
  const nearest = (faq: FaqIndex, text: string) => {
    let cache = nearestCache.get(faq);
    if (!cache) nearestCache.set(faq, (cache = new Map()));
    const known = cache.get(text);
    if (known) return { matches: known, computed: false };
    const matches = faq.nearest(text, 3);
    if (cache.size >= NEAREST_KEPT) cache.delete(cache.keys().next().value!);
    cache.set(text, matches);
    return { matches, computed: true };
  };
  // The first page of each kind has its nearest answers worked out ahead (after a start, after a change of the
  // knowledge, as groups come): each tick of the timer, those not known yet, one at a time between the bot's turns.
  let closed = false;
  let warming: Promise<void> | undefined;
  const warm = async () => {
    const faq = deps.knowledge.faq();
    for (const kind of QUEUE_KINDS) {
      for (const row of deps.queue.groups(kind, GROUPS_PER_PAGE, 0)) {
        if (closed || deps.knowledge.faq() !== faq) return;
        if (nearest(faq, deps.queue.title(row.id)).computed) await pause();
      }
    }
  };
  const warmNow = () => {
    if (closed || warming) return;
    warming = warm()
      .catch((err: unknown) => admin.log.error({ err }, 'warming the review queue failed'))
      .finally(() => (warming = undefined));
  };
  const warmer = setInterval(warmNow, GROUPER_EVERY_MS);
  warmer.unref();
  setImmediate(warmNow);
  admin.addHook('onClose', async () => {
    closed = true;
    clearInterval(warmer);
  });
  const cleanForPhrasing = (text: string) => text.replace(REDACTION_LABEL, ' ').replace(/\s+/g, ' ').trim();

  admin.get<{ Querystring: { q?: string; done?: string; page?: string; kind?: string } }>('/questions', async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
    const kind = (QUEUE_KINDS as readonly string[]).includes(String(request.query.kind)) ? (request.query.kind as QueueKind) : 'fallback';
    const waiting = await grouper.catchUp(kind, { allUpTo: PAGE_WAITS_FOR, ms: PAGE_WAIT_MS });
    const counts = deps.queue.counts();
    const requested = Number.parseInt(String(request.query.page ?? '1'), 10) || 1;
    const found = query.trim() ? await searchGroups(deps.queue, kind, query) : undefined;
    const total = found ? found.length : counts[kind].groups;
    const pages = Math.max(1, Math.ceil(total / GROUPS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, requested));
    const offset = (page - 1) * GROUPS_PER_PAGE;
    const rows = found ? found.slice(offset, offset + GROUPS_PER_PAGE) : deps.queue.groups(kind, GROUPS_PER_PAGE, offset);
    const faq = deps.knowledge.faq();
    const views: GroupView[] = [];
    const breathe = breather(PAGE_SLICE_MS);
    for (const row of rows) {
      const { given, ...g } = await describeGroup(deps.queue, row);
      const gave = given.map((id) => ({ id, question: faq.entry(id)?.question ?? id }));
      const near = nearest(faq, g.text);
      views.push({ ...g, given: gave, nearest: near.matches.map((m) => ({ ...m, question: faq.entry(m.id)?.question ?? m.id })) });
      if (near.computed) await pause(); // one retrieval at a time between the bot's turns
      else await breathe(); // the groups' reads add up: a page of 25 takes a few slices
    }
    const entryOptions = deps.knowledge.entries().map((e) => ({ id: e.id, question: e.questions[0]! }));
    const done = typeof request.query.done === 'string' ? request.query.done : '';
    const tabs = { fallback: counts.fallback.questions, misroute: counts.misroute.questions, sampled: counts.sampled.questions };
    return sendPage(request, reply, deps.t, (tr, lang) => ({
      title: tr('questions.title'),
      ...(['attached', 'answered', 'dismissed', 'proposed'].includes(done) ? { flash: tr(`questions.done.${done}`) } : {}),
      body: questionsBody(tr, lang, request.staff!, views, { questions: counts[kind].questions, groups: total, page, pages, kind, counts: tabs, waiting }, query, entryOptions),
    }));
  });

  admin.post('/questions/attach', async (request, reply) => {
    const questions = await chosenIn(request.body);
    const entryId = field(request.body, 'entry');
    if (questions.length === 0) return redirect(reply, '/admin/questions');
    const phrasings = [...new Set(questions.map((q) => cleanForPhrasing(q.text)))];
    const result = deps.knowledge.attach(entryId, phrasings, request.staff!.name, deps.now(), changeModeOf(request.staff!.role));
    if (!result.ok && result.problem !== 'nothing-new') {
      const problem = result.problem;
      return sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.badRequest'), body: html`<p>${problem === 'unknown-entry' ? tr('questions.unknownEntry') : problem}</p>` }), 400);
    }
    await resolve(questions.map((q) => q.id), 'attached', entryId);
    return redirect(reply, `/admin/questions?done=${result.ok && result.proposed ? 'proposed' : 'attached'}`);
  });

  admin.post('/questions/dismiss', async (request, reply) => {
    const reason = field(request.body, 'reason');
    const questions = await chosenIn(request.body);
    await resolve(questions.map((q) => q.id), 'dismissed', DISMISS_REASONS.has(reason) ? reason : 'out-of-scope');
    return redirect(reply, '/admin/questions?done=dismissed');
  });

  admin.get<{ Querystring: { ids?: string; group?: string } }>('/questions/new', async (request, reply) => {
    const ids = idList(typeof request.query.ids === 'string' ? request.query.ids : '');
    const questions = await chosen(ids, typeof request.query.group === 'string' ? [request.query.group] : []);
    const wordings = [...new Set(questions.map((q) => cleanForPhrasing(q.text)).filter(Boolean))];
    const listed = new Set(ids);
    const draft: EntryDraft = {
      ids: questions.filter((q) => listed.has(q.id)).map((q) => q.id).join(','),
      group: typeof request.query.group === 'string' ? request.query.group : '',
      id: suggestId(wordings[0] ?? ''),
      topic: 'basics',
      audiences: ['all'],
      questions: wordings.slice(0, 10).join('\n'),
      answer: '',
      legalBasis: '',
      sourceUrl: '',
    };
    return sendPage(request, reply, deps.t, (tr) => ({ title: tr('newEntry.title'), body: newEntryBody(tr, request.staff!, draft) }));
  });

  admin.post('/questions/new', async (request, reply) => {
    const b = request.body;
    const draft: EntryDraft = {
      ids: field(b, 'ids'),
      group: field(b, 'group'),
      id: field(b, 'id').trim(),
      topic: field(b, 'topic'),
      audiences: fields(b, 'audiences'),
      questions: field(b, 'questions'),
      answer: field(b, 'answer'),
      legalBasis: field(b, 'legal_basis'),
      sourceUrl: field(b, 'source_url').trim(),
    };
    const entry = {
      id: draft.id,
      topic: draft.topic,
      audiences: draft.audiences,
      questions: [...new Set(draft.questions.split(/\r?\n/).map((q) => q.trim()).filter(Boolean))],
      answer: draft.answer.replace(/\r\n/g, '\n').trim(),
      legal_basis: draft.legalBasis.trim(),
      source_url: draft.sourceUrl,
      reviewed: vietnamDay(deps.now()),
    };
    const result = deps.knowledge.addEntry(entry, request.staff!.name, deps.now(), changeModeOf(request.staff!.role));
    if (!result.ok) {
      return sendPage(request, reply, deps.t, (tr) => ({ title: tr('newEntry.title'), body: newEntryBody(tr, request.staff!, draft, result.problem) }), 400);
    }
    const ids = (await chosen(idList(draft.ids), draft.group ? [draft.group] : [])).map((q) => q.id);
    await resolve(ids, 'answered', entry.id);
    return redirect(reply, `/admin/questions?done=${result.proposed ? 'proposed' : 'answered'}`);
  });
}
