// English and Russian strings. English is the default; the choice lives in the `lk_lang` cookie.
import { en } from "./dict.en";
import { ru } from "./dict.ru";

export type Lang = "en" | "ru";
export type MessageKey = keyof typeof en;
type Dict = Record<MessageKey, string>;
export const LANG_COOKIE = "lk_lang";

const dicts: Record<Lang, Dict> = { en, ru };

export function asLang(value: string | undefined | null): Lang {
  return value === "ru" ? "ru" : "en";
}

/** `{name}` placeholders are filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const s = dicts[lang][key] ?? en[key];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
