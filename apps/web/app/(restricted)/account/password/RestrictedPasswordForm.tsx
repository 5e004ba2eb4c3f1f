"use client";
import { ChangePasswordForm } from "~/components/ChangePasswordForm";

export function RestrictedPasswordForm({ userInputs }: { userInputs: string[] }) {
  // After the change the session has full rights: go home with a full navigation.
  return <ChangePasswordForm userInputs={userInputs} onDone={() => window.location.assign("/")} />;
}
