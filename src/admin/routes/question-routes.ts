/**
 * The review queue: questions the bot could not answer, answers citizens marked "Chưa đúng" (misroutes) and
 * doubtful answers sampled for review, each kind on its own tab, grouped; attach / new entry / dismiss,
 * effective at once.
 */
import type { FastifyInstance } from 'fastify';
import { REDACTION_LABEL } from '../../privacy/redact.js';
import { fold } from '../../text/fold.js';
import { normalizeText } from '../../text/normalize.js';
import type { ConsoleDeps } from '../console.js';
import { changeModeOf, field, fields, idList, redirect } from '../context.js';
import { html } from '../html.js';
import { groupQuestionsSliced, type QuestionGroup } from '../question-groups.js';
import { newEntryBody, questionsBody, type EntryDraft, type GroupView } from '../views/questions.js';
import { sendPage } from './render.js';
import { vietnamDay } from '../../core/vietnam-calendar.js';
import { QUEUE_KINDS, type QueueKind } from '../../core/types.js';

const MAX_QUEUE = 2_000;
/** Groups on one page of the queue. */
export const GROUPS_PER_PAGE = 25;
const DISMISS_REASONS = new Set(['out-of-scope', 'spam', 'duplicate']);

/** A suggested entry id from the question: folded words, kebab-case, prefixed so staff entries stand out. */
export function suggestId(text: string): string {
  const words = normalizeText(text).folded.filter((w) => /^[a-z0-9]+$/.test(w)).slice(0, 6);
  return ['staff', ...words].join('-').slice(0, 40).replace(/-+$/, '');
}

export function registerQuestionRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  const openQuestions = (ids?: readonly number[], kind?: QueueKind) => {
    const all = deps.unanswered.list('new', MAX_QUEUE, kind);
    if (!ids) return all;
    const wanted = new Set(ids);
    return all.filter((q) => wanted.has(q.id));
  };
  const cleanForPhrasing = (text: string) => text.replace(REDACTION_LABEL, ' ').replace(/\s+/g, ' ').trim();
  // The grouping of the open questions, kept until they change (it is the costly part of the page), and
  // computed in slices so that the bot keeps answering while a long queue is grouped.
  const grouped = new Map<QueueKind, { key: string; groups: Promise<QuestionGroup[]> }>();
  const groupsOf = (kind: QueueKind, open: ReturnType<typeof openQuestions>) => {
    const key = `${open.length}:${open.reduce((n, q) => (n * 31 + q.id) % 2_147_483_647, 7)}`;
    if (grouped.get(kind)?.key !== key) grouped.set(kind, { key, groups: groupQuestionsSliced(open) });
    return grouped.get(kind)!.groups;
  };

  admin.get<{ Querystring: { q?: string; done?: string; page?: string; kind?: string } }>('/questions', async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
    const kind = (QUEUE_KINDS as readonly string[]).includes(String(request.query.kind)) ? (request.query.kind as QueueKind) : 'fallback';
    const open = openQuestions(undefined, kind);
    const given = new Map(open.filter((q) => q.given).map((q) => [q.id, q.given!]));
    let groups = await groupsOf(kind, open);
    if (query.trim()) {
      const needle = fold(query.toLowerCase()).trim();
      groups = groups.filter((g) => g.wordings.some((w) => fold(w.text.toLowerCase()).includes(needle)));
    }
    const pages = Math.max(1, Math.ceil(groups.length / GROUPS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(String(request.query.page ?? '1'), 10) || 1));
    const faq = deps.knowledge.faq();
    const views: GroupView[] = [];
    for (const g of groups.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE)) {
      const gave = [...new Set(g.ids.map((id) => given.get(id)).filter((id): id is string => id !== undefined))].map((id) => ({ id, question: faq.entry(id)?.question ?? id }));
      views.push({ ...g, given: gave, nearest: faq.nearest(g.text, 3).map((m) => ({ ...m, question: faq.entry(m.id)?.question ?? m.id })) });
      await new Promise((resolve) => setImmediate(resolve)); // one retrieval at a time between the bot's turns
    }
    const entryOptions = deps.knowledge.entries().map((e) => ({ id: e.id, question: e.questions[0]! }));
    const done = typeof request.query.done === 'string' ? request.query.done : '';
    return sendPage(request, reply, deps.t, (tr, lang) => ({
      title: tr('questions.title'),
      ...(['attached', 'answered', 'dismissed', 'proposed'].includes(done) ? { flash: tr(`questions.done.${done}`) } : {}),
      body: questionsBody(tr, lang, request.staff!, views, { questions: open.length, groups: groups.length, page, pages, kind, counts: deps.unanswered.countByKind('new') }, query, entryOptions),
    }));
  });

  admin.post('/questions/attach', async (request, reply) => {
    const questions = openQuestions(idList(field(request.body, 'ids')));
    const entryId = field(request.body, 'entry');
    if (questions.length === 0) return redirect(reply, '/admin/questions');
    const result = deps.knowledge.attach(entryId, questions.map((q) => cleanForPhrasing(q.text)), request.staff!.name, deps.now(), changeModeOf(request.staff!.role));
    if (!result.ok && result.problem !== 'nothing-new') {
      const problem = result.problem;
      return sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.badRequest'), body: html`<p>${problem === 'unknown-entry' ? tr('questions.unknownEntry') : problem}</p>` }), 400);
    }
    deps.unanswered.resolve(questions.map((q) => q.id), 'attached', entryId, deps.now());
    return redirect(reply, `/admin/questions?done=${result.ok && result.proposed ? 'proposed' : 'attached'}`);
  });

  admin.post('/questions/dismiss', async (request, reply) => {
    const reason = field(request.body, 'reason');
    const ids = idList(field(request.body, 'ids'));
    deps.unanswered.resolve(ids, 'dismissed', DISMISS_REASONS.has(reason) ? reason : 'out-of-scope', deps.now());
    return redirect(reply, '/admin/questions?done=dismissed');
  });

  admin.get<{ Querystring: { ids?: string } }>('/questions/new', async (request, reply) => {
    const ids = idList(typeof request.query.ids === 'string' ? request.query.ids : '');
    const questions = openQuestions(ids);
    const wordings = [...new Set(questions.map((q) => cleanForPhrasing(q.text)).filter(Boolean))];
    const draft: EntryDraft = {
      ids: questions.map((q) => q.id).join(','),
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
    const ids = openQuestions(idList(draft.ids)).map((q) => q.id);
    deps.unanswered.resolve(ids, 'answered', entry.id, deps.now());
    return redirect(reply, `/admin/questions?done=${result.proposed ? 'proposed' : 'answered'}`);
  });
}
