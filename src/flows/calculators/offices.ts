/**
 * From a commune or former district name, typed with or without diacritics, to the BHXH cơ sở office that
 * serves it, using flows/data/offices.yaml. Unknown or unconfirmed places get no office (the flow gives the hotline).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError } from '../../knowledge/content-error.js';
import { fold } from '../../text/fold.js';
import { cleanText } from '../../text/normalize.js';

const officesSchema = z
  .object({
    source: z.string().min(5),
    as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    offices: z.array(z.object({ name: z.string(), address: z.string().optional(), phone: z.string().optional(), communes: z.array(z.string()).min(1) }).strict()).min(1),
    unconfirmed_areas: z.array(z.string()).default([]),
  })
  .strict();

export type OfficeData = z.infer<typeof officesSchema>;
export type Office = OfficeData['offices'][number];

export function loadOffices(file: string): OfficeData {
  const result = officesSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) throw new ContentError('offices.yaml', result.error.issues[0]!.path.join('.'), result.error.issues[0]!.message);
  return result.data;
}

const PREFIX = /^(xa|phuong|thi tran|huyen|thanh pho|tp|tinh|o|tai|nha toi o|toi o|em o|minh o)\s+/;
const squash = (s: string) => fold(cleanText(s.slice(0, 100)).toLowerCase()).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

function placeKey(s: string): string {
  let k = squash(s);
  for (let i = 0; i < 3; i++) k = k.replace(PREFIX, '');
  return k.replace(/\s+(bac kan|thai nguyen)$/, '').trim();
}

export type OfficeLookup = { kind: 'found'; office: Office; place: string } | { kind: 'unconfirmed'; place: string } | { kind: 'unknown' };

export function findOffice(data: OfficeData, typed: string): OfficeLookup {
  const key = placeKey(typed);
  if (!key) return { kind: 'unknown' };
  for (const office of data.offices) {
    for (const commune of office.communes) if (placeKey(commune) === key) return { kind: 'found', office, place: commune };
  }
  for (const area of data.unconfirmed_areas) if (placeKey(area) === key) return { kind: 'unconfirmed', place: area };
  return { kind: 'unknown' };
}
