// A single tRPC call over HTTP (no batching, no transformer), for setup steps of the suites.
export async function trpcMutation(url: string, path: string, token: string, input: unknown, org?: string): Promise<unknown> {
  const res = await fetch(`${url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(org ? { "x-latchkey-org": org } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body.error)}`);
  return body.result?.data;
}
