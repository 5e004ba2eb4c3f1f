"use client";
import { createContext, useContext } from "react";
import { translate, type Lang, type T } from "./i18n";

export const LangContext = createContext<Lang>("en");

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useT(): T {
  const lang = useContext(LangContext);
  return (key, vars) => translate(lang, key, vars);
}
