// A middleware that answers a call itself, without running the procedure (an idempotent replay),
// must hand tRPC the result shape its procedure runner expects back from `next()`. tRPC v11 has no
// public constructor for it (only its "unstable core" does), so the shape is written here, once;
// test/middlewareAnswer.test.ts fails if tRPC stops accepting it.

/**
 * What the middleware's `next()` would have resolved to had the procedure returned `data`.
 * `next` is passed for its type only: the result is typed as that middleware's own.
 */
export function answeredByMiddleware<Next extends (...args: never[]) => Promise<unknown>>(
  _next: Next,
  data: unknown,
): Awaited<ReturnType<Next>> {
  return { ok: true, data, marker: "middlewareMarker" } as Awaited<ReturnType<Next>>;
}
