/**
 * One i18next instance per app (no global), loaded synchronously from the locale files. The core receives
 * only the `Translator` function.
 */
import { readFileSync } from 'node:fs';
import { createInstance, type i18n } from 'i18next';
import type { Language, Translator } from '../core/types.js';

export type LocaleResources = Record<Language, Record<string, unknown>>;

const LOCALES_DIR = new URL('./locales/', import.meta.url);

export function loadLocales(): LocaleResources {
  const read = (lang: Language) => JSON.parse(readFileSync(new URL(`${lang}.json`, LOCALES_DIR), 'utf8')) as Record<string, unknown>;
  return { vi: read('vi'), en: read('en') };
}

export interface I18n {
  t: Translator;
  /** True when the key exists in the language's locale file. */
  has(lang: Language, key: string): boolean;
  instance: i18n;
}

export function createI18n(resources: LocaleResources = loadLocales()): I18n {
  const instance = createInstance();
  void instance.init({
    initAsync: false,
    lng: 'vi',
    fallbackLng: 'vi',
    resources: { vi: { translation: resources.vi }, en: { translation: resources.en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = { vi: instance.getFixedT('vi'), en: instance.getFixedT('en') };
  // Texts without variables are looked up once: a reply uses a dozen labels, and i18next's lookup is the
  // costliest step of a turn after normalisation (npm run bench). The resources never change after start.
  const plain = { vi: new Map<string, string>(), en: new Map<string, string>() };
  return {
    instance,
    t: (lang, key, vars) => {
      if (vars) return fixed[lang](key, vars) as string;
      let text = plain[lang].get(key);
      if (text === undefined) plain[lang].set(key, (text = fixed[lang](key, {}) as string));
      return text;
    },
    has: (lang, key) => instance.exists(key, { lng: lang, fallbackLng: false }),
  };
}

/** Every leaf key of a locale object, dotted ("menu.title"). */
export function localeKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? localeKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
