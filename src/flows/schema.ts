/**
 * The shape of a flow file (flows/*.yaml): a scripted conversation as a map of steps. Text is given as i18n
 * keys (locale files hold the words); computations are named calculators in code, never expressions in YAML.
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');
const key = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'must be an i18n key');
const stepId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case');

/** A button shown under a step's text: a topic, a flow, a knowledge entry or a command. */
export const buttonSchema = z
  .object({
    label: key,
    action: z.string().regex(/^(topic|flow|faq|command):[a-z0-9-]+$/, 'must be topic:, flow:, faq: or command: followed by an id'),
  })
  .strict();

export const PARSERS = ['money', 'income', 'age', 'birth-year', 'month', 'years', 'yes-no', 'count', 'text', 'commune', 'contact'] as const;
export type ParserName = (typeof PARSERS)[number];

const condition = z
  .object({
    var: z.string().min(1),
    eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    lt: z.number().optional(),
    gte: z.number().optional(),
  })
  .strict();

const say = z.object({ kind: z.literal('say'), text: key, buttons: z.array(buttonSchema).optional(), next: stepId }).strict();
const choice = z
  .object({
    kind: z.literal('choice'),
    text: key,
    store: z.string().min(1),
    remember: z.literal('audience').optional(),
    choices: z.array(z.object({ value: z.string().min(1).max(30), label: key, next: stepId.optional() }).strict()).min(2).max(9),
    next: stepId.optional(),
  })
  .strict();
const input = z
  .object({ kind: z.literal('input'), text: key, hint: key, parser: z.enum(PARSERS), store: z.string().min(1), next: stepId })
  .strict();
const branch = z
  .object({ kind: z.literal('branch'), cases: z.array(z.object({ when: condition, next: stepId }).strict()).min(1), default: stepId })
  .strict();
const compute = z.object({ kind: z.literal('compute'), calculator: id, next: stepId }).strict();
const entry = z.object({ kind: z.literal('entry'), entry: id, next: stepId }).strict();
const handoff = z.object({ kind: z.literal('handoff'), next: stepId }).strict();
const end = z.object({ kind: z.literal('end'), text: key.optional(), buttons: z.array(buttonSchema).optional() }).strict();

export const stepSchema = z.discriminatedUnion('kind', [say, choice, input, branch, compute, entry, handoff, end]);
export type Step = z.infer<typeof stepSchema>;
export type Button = z.infer<typeof buttonSchema>;

export const flowSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    title: key,
    /** An optional flow (the welcome) is left, not re-asked, when the user types something else. */
    optional: z.boolean().default(false),
    triggers: z.array(z.string().min(2)).default([]),
    /** English phrases that start the flow in English ("calculate my pension"). */
    triggers_en: z.array(z.string().min(2)).default([]),
    start: stepId,
    steps: z.record(stepId, stepSchema),
  })
  .strict();

export type Flow = z.infer<typeof flowSchema>;

/** Where a step goes next, for reachability checks. */
export function nextSteps(step: Step): string[] {
  switch (step.kind) {
    case 'say':
    case 'input':
    case 'compute':
    case 'entry':
    case 'handoff':
      return [step.next];
    case 'choice':
      return [...step.choices.map((c) => c.next ?? step.next).filter((n): n is string => !!n)];
    case 'branch':
      return [...step.cases.map((c) => c.next), step.default];
    case 'end':
      return [];
  }
}

/** Every i18n key a step uses. */
export function stepKeys(step: Step): string[] {
  const keys: string[] = [];
  if ('text' in step && step.text) keys.push(step.text);
  if (step.kind === 'input') keys.push(step.hint);
  if (step.kind === 'choice') keys.push(...step.choices.map((c) => c.label));
  if ((step.kind === 'say' || step.kind === 'end') && step.buttons) keys.push(...step.buttons.map((b) => b.label));
  return keys;
}
