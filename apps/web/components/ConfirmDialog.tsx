"use client";
// Every destructive action asks first, the same way: an alert dialog that names what will happen
// (each consequence on its own line), a red button that says the action, and Cancel. Focus starts
// on Cancel, so Enter pressed by habit never does the damage; Escape cancels. A refusal stays in
// the dialog, next to the button that caused it.
import * as Dialog from "@radix-ui/react-dialog";
import { useRef, type ReactNode } from "react";
import { useT } from "~/lib/useT";
import { Alert, Button } from "./ui";

export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  consequences,
  confirmLabel,
  onConfirm,
  pending,
  error,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog (its label usually is the action's). */
  trigger: ReactNode;
  title: string;
  /** What the action does, one sentence each. */
  consequences: string[];
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  /** The refusal to show, already localized. */
  error?: string | null;
}) {
  const t = useT();
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content
          className="dialog"
          role="alertdialog"
          onOpenAutoFocus={(e) => {
            e.preventDefault();
            cancel.current?.focus();
          }}
        >
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description asChild>
            <ul className="consequences">
              {consequences.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </Dialog.Description>
          <Alert>{error}</Alert>
          <div className="actions">
            <Button className="danger-solid" onClick={onConfirm} disabled={pending}>
              {confirmLabel}
            </Button>
            <Dialog.Close asChild>
              <Button ref={cancel}>{t("common.cancel")}</Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
