/**
 * Loads and validates flow files. A bad file stops start-up with a ContentError naming the file and the field;
 * cross-checks: every `next` exists, every step is reachable from `start`, every choice has somewhere to go,
 * every i18n key exists in every locale, every knowledge entry, flow, topic and calculator referenced exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ContentError } from '../knowledge/content-error.js';
import { flowSchema, nextSteps, stepKeys, type Flow } from './schema.js';

export interface FlowReferences {
  hasKey(key: string): boolean;
  hasEntry(id: string): boolean;
  hasTopic(id: string): boolean;
  hasCalculator(name: string): boolean;
  commands: readonly string[];
}

export function parseFlowFile(file: string, source: string): Flow {
  let data: unknown;
  try {
    data = parse(source);
  } catch (err) {
    throw new ContentError(file, '(yaml)', (err as Error).message.split('\n')[0] ?? 'invalid YAML');
  }
  const result = flowSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.map(String).join('.') || '(file)', issue.message);
  }
  return result.data;
}

export function checkFlow(file: string, flow: Flow, refs: FlowReferences, flowIds: ReadonlySet<string>): void {
  const fail = (field: string, detail: string) => {
    throw new ContentError(file, field, detail);
  };
  if (!flow.steps[flow.start]) fail('start', `unknown step "${flow.start}"`);
  if (!refs.hasKey(flow.title)) fail('title', `unknown i18n key "${flow.title}"`);
  for (const [stepId, step] of Object.entries(flow.steps)) {
    const at = `steps.${stepId}`;
    if (step.kind === 'choice') {
      for (const c of step.choices) if (!c.next && !step.next) fail(`${at}.choices`, `choice "${c.value}" has no next step`);
    }
    for (const n of nextSteps(step)) if (!flow.steps[n]) fail(at, `next step "${n}" does not exist`);
    for (const k of stepKeys(step)) if (!refs.hasKey(k)) fail(at, `unknown i18n key "${k}"`);
    if (step.kind === 'entry' && !refs.hasEntry(step.entry)) fail(`${at}.entry`, `unknown knowledge entry "${step.entry}"`);
    if (step.kind === 'compute' && !refs.hasCalculator(step.calculator)) fail(`${at}.calculator`, `unknown calculator "${step.calculator}"`);
    if ((step.kind === 'say' || step.kind === 'end') && step.buttons) {
      for (const b of step.buttons) {
        const [type, target] = b.action.split(':') as [string, string];
        const ok =
          (type === 'topic' && refs.hasTopic(target)) ||
          (type === 'flow' && flowIds.has(target)) ||
          (type === 'faq' && refs.hasEntry(target)) ||
          (type === 'command' && refs.commands.includes(target));
        if (!ok) fail(`${at}.buttons`, `unknown ${type} "${target}"`);
      }
    }
  }
  const seen = new Set<string>();
  const queue = [flow.start];
  while (queue.length) {
    const s = queue.pop()!;
    if (seen.has(s) || !flow.steps[s]) continue;
    seen.add(s);
    queue.push(...nextSteps(flow.steps[s]!));
  }
  for (const stepId of Object.keys(flow.steps)) if (!seen.has(stepId)) fail(`steps.${stepId}`, 'is not reachable from start');
}

/** Loads every flow file in `dir` and checks them against each other and the references. */
export function loadFlowDir(dir: string, refs: FlowReferences): Flow[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  const flows = files.map((f) => ({ file: f, flow: parseFlowFile(f, readFileSync(join(dir, f), 'utf8')) }));
  const ids = new Set<string>();
  for (const { file, flow } of flows) {
    if (ids.has(flow.id)) throw new ContentError(file, 'id', `duplicate flow id "${flow.id}"`);
    ids.add(flow.id);
  }
  for (const { file, flow } of flows) checkFlow(file, flow, refs, ids);
  return flows.map((f) => f.flow);
}
