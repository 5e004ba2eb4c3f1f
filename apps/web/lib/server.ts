// Server components call procedures in-process: the server process registered its Services on
// globalThis, so nothing here opens a database (next build never runs these functions).
import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_HTTPS_HEADER,
  createCaller,
  createContext,
  getServices,
  sessionCookieName,
  type RouterOutputs,
} from "@latchkey/api";
import { asLang, LANG_COOKIE, translate, type Lang, type MessageKey, type T } from "./i18n";
import { isGuid, ORG_COOKIE } from "./orgCookie";

/** One caller per request (React cache): the session is resolved once for the layout and the page. */
export const serverCaller = cache(async () => {
  const jar = await cookies();
  const h = await headers();
  const services = getServices();
  // The server process put the client's address and scheme here (apps/server server.ts).
  const ctx = await createContext({
    services,
    // The server gave the request its id (and logged it under that id): the audit records the same.
    meta: { ip: h.get(CLIENT_ADDRESS_HEADER), requestId: h.get("x-request-id") ?? services.random.uuid(), userAgent: h.get("user-agent") },
    sessionCookie: jar.get(sessionCookieName(h.get(CLIENT_HTTPS_HEADER) === "1"))?.value ?? null,
  });
  // Only an instance admin may name another organization; a stale cookie is ignored for others.
  const org = jar.get(ORG_COOKIE)?.value;
  if (isGuid(org) && ctx.principal?.instanceAdmin) ctx.meta.org = { guid: org };
  return createCaller(ctx);
});

export type Me = RouterOutputs["auth"]["me"];

/** Who is signed in, or null. */
export const getMe = cache(async (): Promise<Me | null> => {
  const caller = await serverCaller();
  try {
    return await caller.auth.me();
  } catch {
    return null;
  }
});

/** The signed-in caller with full rights; others go to sign-in, restricted sessions to the password page. */
export async function requireMe(): Promise<Me> {
  const me = await getMe();
  if (!me) redirect("/sign-in");
  if (me.restricted) redirect("/account/password");
  return me;
}

export async function getLang(): Promise<Lang> {
  return asLang((await cookies()).get(LANG_COOKIE)?.value);
}

export async function getT(): Promise<T> {
  const lang = await getLang();
  return (key, vars) => translate(lang, key, vars);
}

/** A page's <title> in the visitor's language; the root layout appends " · Latchkey". */
export async function titled(key: MessageKey, vars?: Record<string, string | number>): Promise<Metadata> {
  const t = await getT();
  return { title: t(key, vars) };
}

/** Where a signed-in caller starts. */
export function homeOf(me: Me): string {
  if (me.restricted) return "/account/password";
  return me.orgAdmin ? "/console/employees" : "/account";
}
