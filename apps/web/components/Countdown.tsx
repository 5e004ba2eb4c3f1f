"use client";
import { useEffect, useState } from "react";
import { useT } from "~/lib/useT";

export function Countdown({ until }: { until: string }) {
  const t = useT();
  const end = Date.parse(until);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.floor((end - now) / 1000));
  if (left === 0) return <span>{t("wp.expired")}</span>;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const time = `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
  return <span>{t("wp.expiresIn", { time })}</span>;
}
