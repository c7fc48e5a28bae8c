import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n, loadLocales, localeKeys } from '../src/i18n/translator.js';
import { ROOT } from './helpers/test-server.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('architecture', () => {
  it('the core imports no channel, SQL, HTTP framework, i18next or storage', () => {
    const forbidden = /^(grammy|axios|better-sqlite3|fastify|i18next|fuse\.js|node:http)|\/(channels|storage|http|i18n|knowledge)\//;
    for (const file of files(join(ROOT, 'src/core'))) {
      for (const spec of importsOf(file)) {
        expect(`${relative(ROOT, file)} imports ${spec}`).not.toMatch(forbidden);
        expect(spec.startsWith('.') || spec.startsWith('node:')).toBe(true);
      }
    }
  });

  it('pure text and privacy modules import nothing from the outside world', () => {
    for (const file of [...files(join(ROOT, 'src/text')), ...files(join(ROOT, 'src/privacy'))]) {
      for (const spec of importsOf(file)) expect(`${relative(ROOT, file)} imports ${spec}`).toMatch(/ imports (\.|node:crypto)/);
    }
  });

  it('one module says which day it is in Vietnam; nothing else cuts a date out of an instant', () => {
    const dateCut = /toISOString\(\)\.slice\(0, ?10\)|getUTC(FullYear|Month|Date|Day|Hours)\(|get(FullYear|Month|Date|Day|Hours)\(\)|7 \* 3_?600_?000/;
    for (const file of files(join(ROOT, 'src'))) {
      if (file.endsWith(join('core', 'vietnam-calendar.ts'))) continue;
      expect(`${relative(ROOT, file)}: ${readFileSync(file, 'utf8').match(dateCut)?.[0] ?? 'none'}`).toMatch(/: none$/);
    }
  });

  it('tests take their dates from an injected clock, never from the machine', () => {
    const wallClock = /Date\.now\(\)|new Date\(\)/;
    // The fake platforms stamp what they send and time their own waits; no assertion reads those stamps.
    const allowed = [join('helpers', 'fake-platforms.ts')];
    for (const file of files(join(ROOT, 'test'))) {
      if (allowed.some((a) => file.endsWith(a))) continue;
      expect(`${relative(ROOT, file)}: ${readFileSync(file, 'utf8').match(wallClock)?.[0] ?? 'none'}`).toMatch(/: none$/);
    }
  });

  it('source files stay small', () => {
    for (const file of files(join(ROOT, 'src'))) {
      const lines = readFileSync(file, 'utf8').split('\n').length;
      expect(`${relative(ROOT, file)}: ${lines} lines`).toMatch(/: ([0-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-4][0-9]) lines$/);
    }
  });
});

describe('locales', () => {
  it('Vietnamese and English have the same keys, none empty', () => {
    const { vi, en } = loadLocales();
    expect(localeKeys(en).sort()).toEqual(localeKeys(vi).sort());
    const i18n = createI18n();
    for (const key of localeKeys(vi)) {
      expect(i18n.t('vi', key).length, key).toBeGreaterThan(0);
      expect(i18n.t('en', key).length, key).toBeGreaterThan(0);
    }
  });

  it('every key the code uses exists', () => {
    const i18n = createI18n();
    const used = new Set<string>();
    for (const file of files(join(ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\((?:[a-z.]+|lang|state\.lang|action\.lang|deps\.lang|'vi'|'en'), '([a-zA-Z.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(15);
    for (const key of used) expect(i18n.has('vi', key), key).toBe(true);
  });
});
