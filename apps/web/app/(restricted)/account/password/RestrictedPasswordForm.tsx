"use client";
import { ChangePasswordForm } from "~/components/ChangePasswordForm";
import type { PasswordPolicy } from "~/components/PasswordField";

export function RestrictedPasswordForm({ userInputs, policy }: { userInputs: string[]; policy: PasswordPolicy | null }) {
  // After the change the session has full rights: go home with a full navigation.
  return <ChangePasswordForm userInputs={userInputs} policy={policy} onDone={() => window.location.assign("/")} />;
}
