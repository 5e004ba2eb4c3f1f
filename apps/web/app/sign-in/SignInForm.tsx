"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert, Field } from "~/components/ui";
import { ORG_COOKIE } from "~/lib/orgCookie";
import { useTRPC, writeCookie } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

export function SignInForm() {
  const t = useT();
  const trpc = useTRPC();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (res) => {
        writeCookie(ORG_COOKIE, null);
        // A full navigation so the server components read the new session cookie.
        window.location.assign(res.passwordChangeRequired ? "/account/password" : "/");
      },
    }),
  );
  const form = useMutationForm(signIn, () => signIn.mutate({ login, password }));
  return (
    <form {...form.props}>
      <Alert>{form.error}</Alert>
      <Field
        label={t("signIn.login")}
        name="login"
        autoComplete="username"
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        required
      />
      <Field
        label={t("signIn.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <button type="submit" className="primary" disabled={form.pending}>
        {t("signIn.submit")}
      </button>
      <p className="links">
        <Link href="/reset">{t("signIn.forgot")}</Link> · <Link href="/activate">{t("signIn.activate")}</Link>
      </p>
    </form>
  );
}
