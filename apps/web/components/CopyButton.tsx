"use client";
import { useState } from "react";
import { useT } from "~/lib/useT";
import { Button } from "./ui";

export function CopyButton({ text }: { text: string }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <Button
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setDone(true),
          () => setDone(false),
        );
      }}
    >
      {t("common.copy")}
      <span role="status" className="sr-live">
        {done ? ` · ${t("common.copied")}` : ""}
      </span>
    </Button>
  );
}
