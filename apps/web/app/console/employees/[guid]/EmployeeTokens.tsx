"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { RevokeToken } from "../../tokens/ApiTokens";

/** The API tokens that act as the employee, each revocable (asking first). */
export function EmployeeTokens({ guid }: { guid: string }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.employees.tokens.queryOptions({ guid }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.employees.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.tokens.pathKey() });
  };
  const col = { name: t("field.name"), scopes: t("tokens.scopes"), lastUsed: t("tokens.lastUsed"), expires: t("tokens.expires") };
  return (
    <section className="card" aria-labelledby="emp-tokens">
      <h2 id="emp-tokens">{t("emp.tokens")}</h2>
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      {list.data && list.data.length === 0 ? <p>{t("emp.tokensEmpty")}</p> : null}
      {list.data?.length ? (
        <div className="table-wrap">
          <table className="stack">
            <caption className="sr-only">{t("emp.tokens")}</caption>
            <thead>
              <tr>
                <th scope="col">{col.name}</th>
                <th scope="col">{col.scopes}</th>
                <th scope="col">{col.lastUsed}</th>
                <th scope="col">{col.expires}</th>
                <th scope="col">
                  <span className="sr-only">{t("tokens.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((k) => (
                <tr key={k.id}>
                  <td data-label={col.name}>
                    {k.name} <code className="hint">{k.prefix}</code>
                  </td>
                  <td data-label={col.scopes}>{k.scopes.join(", ")}</td>
                  <td data-label={col.lastUsed} className="date">
                    {k.lastUsedAt ? fmtDate(k.lastUsedAt, lang) : t("tokens.never")}
                  </td>
                  <td data-label={col.expires} className="date">
                    {k.expiresAt ? fmtDate(k.expiresAt, lang) : t("tokens.never")}
                  </td>
                  <td>
                    <RevokeToken token={k} onDone={refresh} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
