// A row of the route table and the matcher. Patterns match `{name}` as one `[^/:]+` segment
// piece and everything else literally, so `…/{employee_guid}:reset-password` needs no router syntax.
import type { z } from "zod";
import { createCaller, DomainError, isUuid } from "@latchkey/api";
import type { Family } from "./family";

type Caller = ReturnType<typeof createCaller>;
export type Params = Record<string, string>;
/** A decoded request: the typed procedure call it becomes. */
export type Invocation<O> = (api: Caller) => Promise<O>;

export interface RouteSpec<S extends z.ZodType, O> {
  operationId: string;
  summary: string;
  family: Family;
  method: "POST" | "PATCH";
  path: string;
  /** The tRPC procedure(s) the route adapts, for the docs and the logs. */
  procedure: string;
  /** "none": the request carries its own proof (an activation code). */
  auth: "bearer" | "none";
  /** The REST-level body (strict objects: unknown fields are refused). */
  body: S;
  /** Which path parameter names the organization acted in, if any. */
  orgParam?: string;
  decode(body: z.output<S>, params: Params): Invocation<O>;
  success: { status: 200 | 204; description: string; schema: z.ZodType | null };
  encode(out: O): unknown;
}

export interface Route extends RouteSpec<z.ZodType, unknown> {
  regex: RegExp;
  paramNames: string[];
}

function compilePattern(path: string): { regex: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const source = path
    .split(/(\{[a-z_]+\})/)
    .map((part) => {
      const m = /^\{([a-z_]+)\}$/.exec(part);
      if (m) {
        paramNames.push(m[1]!);
        return "([^/:]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { regex: new RegExp(`^${source}$`), paramNames };
}

export function defineRoute<S extends z.ZodType, O>(spec: RouteSpec<S, O>): Route {
  return { ...(spec as unknown as RouteSpec<z.ZodType, unknown>), ...compilePattern(spec.path) };
}

export type Match = { kind: "route"; route: Route; params: Params } | { kind: "method"; family: Family; allow: string[]; pattern: string };

export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match | null {
  const allow: string[] = [];
  let family: Family | null = null;
  let pattern = "";
  for (const route of routes) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    if (route.method === method) {
      const params: Params = {};
      route.paramNames.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1]!);
        } catch {
          params[name] = m[i + 1]!;
        }
      });
      return { kind: "route", route, params };
    }
    allow.push(route.method);
    family ??= route.family;
    pattern ||= route.path;
  }
  return family ? { kind: "method", family, allow, pattern } : null;
}

/** A path object that can not exist is answered like one that does not (NotFound, never a 4xx about its shape). */
export function pathGuid(value: string | undefined, what: string): string {
  if (!value || !isUuid(value)) throw new DomainError("NotFound", `The ${what} was not found.`);
  return value.toLowerCase();
}

export function pathInt(value: string | undefined, what: string): number {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) throw new DomainError("NotFound", `The ${what} was not found.`);
  return Number(value);
}
