/**
 * The shape of a knowledge file (knowledge/*.yaml): a list of entries, each a question–answer pair with its
 * phrasings, topic, audiences, legal basis, source and reviewed date.
 */
import { z } from 'zod';

export const TOPICS = [
  'basics',
  'voluntary',
  'registration',
  'compulsory',
  'pension',
  'one-time',
  'health',
  'unemployment',
  'maternity-sickness',
  'social-pension',
  'vssid',
  'contacts',
  'survivors',
  'work-accident',
  'campaign',
] as const;
export type Topic = (typeof TOPICS)[number];

export const AUDIENCES = ['all', 'informal', 'employee', 'employer', 'student', 'official', 'elderly'] as const;
export type Audience = (typeof AUDIENCES)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a real date');

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * A link staff may give citizens: https only, with a host, and no user name or password before it
 * ("https://baohiemxahoi.gov.vn@evil.example/" goes to evil.example while it reads as the agency's site).
 */
export function safeLink(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && u.hostname.length > 0 && u.username === '' && u.password === '' && !raw.slice(8).split(/[/?#]/)[0]!.includes('@');
  } catch {
    return false;
  }
}

/** Every link written in a text is a safe one. */
const LINK = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s<>"')]+/gi;
export const unsafeLinkIn = (text: string) => (text.match(LINK) ?? []).find((l) => !safeLink(l.replace(/[.,;:!?]+$/, '')));
const linkedText = (max: number) => text(max).refine((t) => unsafeLinkIn(t) === undefined, 'links must be https, with no user name or password in them');

export const entrySchema = z
  .object({
    // At most 40 characters: every button payload that names an entry must fit Telegram's 64 bytes.
    id: z.string().max(40, 'must be at most 40 characters').regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
    topic: z.enum(TOPICS),
    audiences: z.array(z.enum(AUDIENCES)).min(1, 'needs at least one audience'),
    questions: z.array(text(300)).min(2, 'needs at least two question phrasings'),
    /** English phrasings: what an English question is matched on (the English retriever, faq-index.ts). */
    questions_en: z.array(text(300)).min(2, 'needs at least two English phrasings when given').optional(),
    answer: linkedText(1500),
    answer_en: linkedText(1500).optional(),
    legal_basis: text(500),
    source_url: z.string().refine(safeLink, 'must be an https link with no user name or password in it'),
    reviewed: isoDate,
    related: z.array(z.string()).optional(),
    /** A flow offered as a button under the answer (e.g. the contribution calculator). */
    flow: z.string().regex(/^[a-z0-9-]+$/).optional(),
  })
  .strict();

export const knowledgeFileSchema = z
  .object({
    entries: z.array(entrySchema).min(1, 'needs at least one entry'),
  })
  .strict();

export type KnowledgeEntry = z.infer<typeof entrySchema>;

/** knowledge/out-of-scope.yaml: topics the bot does not answer, which compete with real entries. */
export const OUT_OF_SCOPE_FILE = 'out-of-scope.yaml';

export const outOfScopeFileSchema = z
  .object({
    in_scope_anchors: z.array(text(60)).default([]),
    /** The same for English questions. */
    in_scope_anchors_en: z.array(text(60)).default([]),
    out_of_scope: z.array(
      z
        .object({
          id: z.string().regex(/^oos-[a-z0-9-]+$/, 'must start with "oos-" and be kebab-case'),
          questions: z.array(text(300)).min(3, 'needs at least three question phrasings'),
          questions_en: z.array(text(300)).min(3, 'needs at least three English phrasings when given').optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type OutOfScopeTopic = z.infer<typeof outOfScopeFileSchema>['out_of_scope'][number];
export type OutOfScopeFile = z.infer<typeof outOfScopeFileSchema>;
