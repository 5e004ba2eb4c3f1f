"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert, Field } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { ORG_COOKIE } from "~/lib/orgCookie";
import { useTRPC, writeCookie } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

export function SignInForm() {
  const t = useT();
  const lang = useLang();
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
  return (
    <form
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate({ login, password });
      }}
    >
      <Alert>{signIn.error ? errorText(signIn.error, t, lang) : null}</Alert>
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
      <button type="submit" className="primary" disabled={signIn.isPending}>
        {t("signIn.submit")}
      </button>
      <p className="links">
        <Link href="/reset">{t("signIn.forgot")}</Link> · <Link href="/activate">{t("signIn.activate")}</Link>
      </p>
    </form>
  );
}
