// Interface strings, one file per language in web/locales/ (English bundled, the others loaded when
// chosen). Rule texts, questions and warnings come from the core in the same language.
import en from '../locales/en.json';

export type Key = keyof typeof en;
export const LANG_CODES = ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar'] as const;
export type Lang = (typeof LANG_CODES)[number];
export const LANGS: { code: Lang; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '中文' },
  { code: 'ru', label: 'Русский' },
  { code: 'es', label: 'Español' },
  { code: 'pt-BR', label: 'Português (Brasil)' },
  { code: 'ar', label: 'العربية' },
];

const loaders = import.meta.glob<Record<Key, string>>(['../locales/*.json', '!../locales/en.json'], {
  import: 'default',
});
const tables: Partial<Record<Lang, Record<Key, string>>> = { en };

/** Loads a language's strings once; t() falls back to English until then. */
export async function loadStrings(lang: Lang): Promise<void> {
  tables[lang] ??= await loaders[`../locales/${lang}.json`]();
}

export const t = (lang: Lang, key: Key): string => tables[lang]?.[key] ?? en[key];
export const enumLabel = (lang: Lang, kind: string, value: string): string =>
  t(lang, `enum.${kind}.${value}` as Key) ?? value;
export const isLang = (value: unknown): value is Lang => (LANG_CODES as readonly unknown[]).includes(value);
/** The tag for the lang attribute (Simplified Chinese is said so), and the writing direction. */
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-Hans' : lang);
export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

/**
 * The first of the reader's languages that is offered here (navigator.languages order): an exact
 * tag first, then its language alone (pt-PT → pt-BR, zh-TW → zh, es-419 → es). English otherwise.
 */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const exact = LANG_CODES.find((code) => code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const primary = tag.toLowerCase().split('-')[0];
    const near = LANG_CODES.find((code) => code.toLowerCase().split('-')[0] === primary);
    if (near) return near;
  }
  return 'en';
}
