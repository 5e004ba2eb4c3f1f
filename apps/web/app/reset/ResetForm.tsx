"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { PasswordField } from "~/components/PasswordField";
import { Alert, Field } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

/**
 * The reset message links here with `#org=<alias>&code=<code>`: a fragment never leaves the
 * browser (no server, proxy or access log sees it), and it is wiped from the address bar and the
 * history as soon as the form has taken it.
 */
function takeLinkFragment(): { code: string | null; org: string | null } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const code = params.get("code");
  const org = params.get("org");
  if (code !== null || org !== null) window.history.replaceState(null, "", window.location.pathname + window.location.search);
  return { code: code && /^\d{8}$/.test(code) ? code : null, org: org && /^[a-z0-9-]{1,63}$/.test(org) ? org : null };
}

/**
 * auth.completePasswordReset. The page cannot show the organization's own password policy: all
 * it knows is what the visitor types (or the link brought), and answering a login or an
 * organization alias with its policy would tell strangers that it exists (a changed policy
 * differs from a missing one's defaults). The server checks the code first and the policy after
 * it, so a refused password gets the exact rule it broke only once the code has proved who is
 * asking, and the code stays usable for the retry.
 */
export function ResetForm() {
  const t = useT();
  const trpc = useTRPC();
  const [login, setLogin] = useState("");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [organization, setOrganization] = useState("");
  const [orgOpen, setOrgOpen] = useState(false);
  useEffect(() => {
    const link = takeLinkFragment();
    if (link.code) setCode(link.code);
    if (link.org) {
      setOrganization(link.org);
      setOrgOpen(true);
    }
  }, []);
  const complete = useMutation(trpc.auth.completePasswordReset.mutationOptions());
  const form = useMutationForm(complete, () =>
    complete.mutate({
      login,
      code: code.trim(),
      newPassword: password,
      ...(organization.trim() ? { organization: organization.trim().toLowerCase() } : {}),
    }),
  );
  if (complete.isSuccess)
    return (
      <>
        <Alert kind="ok">{t("reset.done")}</Alert>
        <p>
          <Link href="/sign-in">{t("signIn.submit")}</Link>
        </p>
      </>
    );
  return (
    <form {...form.props}>
      <Alert>{form.error}</Alert>
      <Field label={t("signIn.login")} autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required />
      <Field
        label={t("reset.code")}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{8}"
        maxLength={8}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      />
      {/* policy={null}: this page cannot learn the organization's policy without telling anyone
          whether a login or an organization exists (see the comment on ResetForm). */}
      <PasswordField label={t("pw.new")} value={password} onChange={setPassword} policy={null} userInputs={[login]} />
      <details open={orgOpen} onToggle={(e) => setOrgOpen(e.currentTarget.open)}>
        <summary>{t("reset.org")}</summary>
        <Field label={t("reset.org")} value={organization} onChange={(e) => setOrganization(e.target.value)} />
      </details>
      <button type="submit" className="primary" disabled={form.pending}>
        {t("reset.submit")}
      </button>
    </form>
  );
}
