"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CopyButton } from "~/components/CopyButton";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { Alert, Button, Check, Field, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useLang, useT } from "~/lib/useT";

export function ApiTokens() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  // Nothing is granted until the admin ticks it: the least scope is none.
  const [scopes, setScopes] = useState({ admin: false, self: false });
  const [days, setDays] = useState("");
  const [never, setNever] = useState(false);
  const list = useQuery(trpc.tokens.list.queryOptions({ limit: 100 }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.tokens.pathKey() });
  const create = useMutation(trpc.tokens.create.mutationOptions({ onSuccess: () => (setName(""), void refresh()) }));
  const chosen = (Object.keys(scopes) as ("admin" | "self")[]).filter((s) => scopes[s]);
  const form = useMutationForm(create, () => {
    if (chosen.length === 0) return;
    const n = Number(days);
    const expiry = never ? { expiresInDays: "never" as const } : days.trim() && Number.isInteger(n) ? { expiresInDays: n } : {};
    create.mutate({ name, scopes: chosen, ...expiry });
  });
  // One alert above the form for the list and creating; revoking shows its own in its dialog.
  const failure = list.error ?? create.error;
  return (
    <>
      <Alert>{failure ? errorText(failure, t, lang) : null}</Alert>
      {create.data ? (
        <div className="card" role="status">
          <p>
            <strong>{t("tokens.once")}</strong>
          </p>
          <p className="secret">{create.data.token}</p>
          <div className="actions">
            <CopyButton text={create.data.token} />
            <Button onClick={() => create.reset()}>{t("common.close")}</Button>
          </div>
        </div>
      ) : null}
      <form {...form.props} className="card">
        <Field label={t("tokens.name")} value={name} onChange={(e) => setName(e.target.value)} required />
        <fieldset className="field">
          <legend>{t("tokens.scopes")}</legend>
          <Check label="admin" checked={scopes.admin} onChange={(e) => setScopes({ ...scopes, admin: e.target.checked })} />
          <Check label="self" checked={scopes.self} onChange={(e) => setScopes({ ...scopes, self: e.target.checked })} />
        </fieldset>
        <Field
          label={t("tokens.expiry")}
          type="number"
          min={1}
          max={3650}
          value={days}
          disabled={never}
          onChange={(e) => setDays(e.target.value)}
        />
        <Check label={t("tokens.neverExpires")} checked={never} onChange={(e) => setNever(e.target.checked)} />
        <button type="submit" className="primary" disabled={form.pending || chosen.length === 0}>
          {t("tokens.create")}
        </button>
      </form>
      <div className="table-wrap">
        <table className="stack">
          <caption className="sr-only">{t("tokens.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("field.name")}</th>
              <th scope="col">{t("tokens.prefix")}</th>
              <th scope="col">{t("tokens.scopes")}</th>
              <th scope="col">{t("field.created")}</th>
              <th scope="col">{t("tokens.createdBy")}</th>
              <th scope="col">{t("tokens.expires")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">
                <span className="sr-only">{t("tokens.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((k) => (
              <tr key={k.id}>
                <td data-label={t("field.name")}>{k.name}</td>
                <td data-label={t("tokens.prefix")}>
                  <code>{k.prefix}</code>
                </td>
                <td data-label={t("tokens.scopes")}>{k.scopes.join(", ")}</td>
                <td data-label={t("field.created")} className="date">
                  {fmtDate(k.createdAt, lang)}
                </td>
                <td data-label={t("tokens.createdBy")}>{k.createdBy ? k.createdBy.displayName : t("tokens.byConsole")}</td>
                <td data-label={t("tokens.expires")} className="date">
                  {k.expiresAt ? fmtDate(k.expiresAt, lang) : t("tokens.never")}
                </td>
                <td data-label={t("tokens.lastUsed")} className="date">
                  {k.lastUsedAt ? fmtDate(k.lastUsedAt, lang) : t("tokens.never")}
                </td>
                <td>
                  <RevokeToken token={k} onDone={() => void refresh()} />
                </td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 ? (
              <tr>
                <td colSpan={8}>{t("tokens.empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Revoking asks first: every caller using the token is refused from then on. */
export function RevokeToken({ token, onDone }: { token: { id: string; name: string }; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        onDone();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        revoke.reset();
      }}
      trigger={
        <Button className="danger" aria-label={t("tokens.revokeNamed", { name: token.name })}>
          {t("tokens.revoke")}
        </Button>
      }
      title={t("tokens.revokeTitle", { name: token.name })}
      consequences={[t("tokens.revokeConsequence.refused", { name: token.name }), t("tokens.revokeConsequence.final")]}
      confirmLabel={t("tokens.revoke")}
      onConfirm={() => revoke.mutate({ id: token.id })}
      pending={revoke.isPending}
      error={revoke.error ? errorText(revoke.error, t, lang) : null}
    />
  );
}
