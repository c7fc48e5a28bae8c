/**
 * Every answer, editable: the list (search without diacritics, topic filter, reviewed date and staleness), one
 * entry as the citizen sees it with its history and helpful rate, an edit (answer, legal basis, source,
 * phrasings, reviewed today) and retiring it. An admin's change goes live at once; a reviewer's is a proposal.
 */
import type { FastifyInstance } from 'fastify';
import { shiftDay, vietnamDay } from '../../core/vietnam-calendar.js';
import { fold } from '../../text/fold.js';
import type { ConsoleDeps } from '../console.js';
import { changeModeOf, field, redirect } from '../context.js';
import { html } from '../html.js';
import { entriesBody, entryBody, type EntryRow } from '../views/entries.js';
import { sendPage } from './render.js';

/** An entry reviewed longer ago than this is shown as due for review (kb:check fails at the same age). */
const STALE_DAYS = 365;
/** The helpful rate shown on an entry's page covers this many days. */
const RATING_DAYS = 90;

export function registerEntryRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {

  admin.get<{ Querystring: { q?: string; topic?: string; done?: string } }>('/entries', async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
    const topic = typeof request.query.topic === 'string' ? request.query.topic : '';
    const needle = fold(query.toLowerCase()).trim();
    const staleBefore = shiftDay(vietnamDay(deps.now()), -STALE_DAYS);
    const pending = new Map<string, number>();
    for (const c of deps.knowledge.proposals()) pending.set(c.entryId, (pending.get(c.entryId) ?? 0) + 1);
    const all = deps.knowledge.entries();
    const rows: EntryRow[] = all
      .filter((e) => !topic || e.topic === topic)
      .filter((e) => !needle || fold([e.id, ...e.questions, e.answer].join(' ').toLowerCase()).includes(needle))
      .map((entry) => ({ entry, stale: entry.reviewed < staleBefore, pending: pending.get(entry.id) ?? 0 }));
    const done = typeof request.query.done === 'string' ? request.query.done : '';
    return sendPage(request, reply, deps.t, (tr) => ({
      title: tr('entries.title'),
      ...(['retired', 'proposed'].includes(done) ? { flash: tr(`entries.done.${done}`) } : {}),
      body: entriesBody(tr, rows, all.length, query, topic),
    }));
  });

  type Extra = { problem?: string; problemKey?: string; flashKey?: string };
  const showEntry = (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1], id: string, extra: Extra = {}, status = 200) => {
    const entry = deps.knowledge.entries().find((e) => e.id === id);
    if (!entry) return sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.notFound'), body: html`<p><a href="/admin/entries">${tr('entries.title')}</a></p>` }), 404);
    const today = vietnamDay(deps.now());
    const count = (metric: string) => deps.metrics.count(shiftDay(today, -RATING_DAYS), today, metric, id);
    return sendPage(
      request,
      reply,
      deps.t,
      (tr, lang) => ({
        title: entry.questions[0]!,
        ...(extra.flashKey ? { flash: tr(extra.flashKey) } : {}),
        body: entryBody(tr, lang, request.staff!, {
          entry,
          history: deps.knowledge.history(id),
          helpful: { helpful: count('helpful'), notHelpful: count('not-helpful') },
          ...(extra.problem || extra.problemKey ? { problem: extra.problemKey ? tr(extra.problemKey) : extra.problem! } : {}),
        }),
      }),
      status,
    );
  };

  admin.get<{ Params: { id: string }; Querystring: { done?: string } }>('/entries/:id', async (request, reply) => {
    const done = request.query.done;
    return showEntry(request, reply, request.params.id, done === 'saved' || done === 'proposed' ? { flashKey: `entries.done.${done}` } : {});
  });

  admin.post<{ Params: { id: string } }>('/entries/:id', async (request, reply) => {
    const id = request.params.id;
    const b = request.body;
    const lines = (name: string) => [...new Set(field(b, name).split(/\r?\n/).map((q) => q.trim()).filter(Boolean))];
    const multiline = (name: string) => field(b, name).replace(/\r\n/g, '\n').trim();
    const questions = lines('questions');
    const questionsEn = lines('questions_en');
    const answerEn = multiline('answer_en');
    const fields = {
      answer: multiline('answer'),
      ...(answerEn ? { answer_en: answerEn } : {}),
      ...(questionsEn.length > 0 ? { questions_en: questionsEn } : {}),
      legal_basis: field(b, 'legal_basis').trim(),
      source_url: field(b, 'source_url').trim(),
      questions,
      ...(field(b, 'reviewed_today') === '1' ? { reviewed: vietnamDay(deps.now()) } : {}),
    };
    const result = deps.knowledge.edit(id, fields, request.staff!.name, deps.now(), changeModeOf(request.staff!.role));
    if (!result.ok) {
      if (result.problem === 'unknown-entry') return showEntry(request, reply, id);
      return showEntry(request, reply, id, result.problem === 'nothing-new' ? { problemKey: 'entries.nothingNew' } : { problem: result.problem }, 400);
    }
    return redirect(reply, `/admin/entries/${encodeURIComponent(id)}?done=${result.proposed ? 'proposed' : 'saved'}`);
  });

  admin.post<{ Params: { id: string } }>('/entries/:id/retire', async (request, reply) => {
    const id = request.params.id;
    const result = deps.knowledge.retire(id, request.staff!.name, deps.now(), changeModeOf(request.staff!.role));
    if (!result.ok) return result.problem === 'unknown-entry' ? showEntry(request, reply, id) : showEntry(request, reply, id, { problem: result.problem }, 400);
    return redirect(reply, `/admin/entries?done=${result.proposed ? 'proposed' : 'retired'}`);
  });
}
