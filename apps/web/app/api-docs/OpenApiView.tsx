"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "~/components/ui";
import { useT } from "~/lib/useT";

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}
interface OpenApi {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function OpenApiView() {
  const t = useT();
  const doc = useQuery({
    queryKey: ["openapi.json"],
    queryFn: async (): Promise<OpenApi> => {
      const res = await fetch("/openapi.json", { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as OpenApi;
    },
  });
  if (doc.error) return <Alert>{t("err.generic")}</Alert>;
  if (!doc.data) return <p>{t("common.loading")}</p>;
  const ops = Object.entries(doc.data.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
  );
  const groups = new Map<string, typeof ops>();
  for (const o of ops) {
    const tag = o.op.tags?.[0] ?? "API";
    groups.set(tag, [...(groups.get(tag) ?? []), o]);
  }
  return (
    <>
      <p>
        {doc.data.info?.title} {doc.data.info?.version ? `v${doc.data.info.version}` : null} · <a href="/openapi.json">openapi.json</a>
      </p>
      {[...groups.entries()].map(([tag, list]) => (
        <section key={tag} className="card" aria-label={tag}>
          <h2>{tag}</h2>
          {list.map(({ path, method, op }) => (
            <details key={`${method} ${path}`} className="op">
              <summary>
                <span className={`badge method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
                {op.summary ? <span className="hint"> — {op.summary}</span> : null}
              </summary>
              {op.description ? <p>{op.description}</p> : null}
              {op.requestBody?.content ? (
                <>
                  <h3>{t("docs.body")}</h3>
                  {Object.entries(op.requestBody.content).map(([type, c]) => (
                    <div key={type}>
                      <code>{type}</code>
                      <pre className="secret">{JSON.stringify(c.schema ?? {}, null, 2)}</pre>
                    </div>
                  ))}
                </>
              ) : null}
              {op.responses ? (
                <>
                  <h3>{t("docs.responses")}</h3>
                  <ul>
                    {Object.entries(op.responses).map(([code, r]) => (
                      <li key={code}>
                        <code>{code}</code> {r.description}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </details>
          ))}
        </section>
      ))}
    </>
  );
}
