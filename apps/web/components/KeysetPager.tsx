"use client";
import type { ReactNode } from "react";
import { useT } from "~/lib/useT";

/**
 * "First page" / "Next page" over keyset pagination: `cursors` is the stack of cursors of the
 * pages seen so far (the last one is the current page), `nextCursor` the server's next one.
 * `label` makes it a named navigation landmark: a page with several pagers needs it, or a
 * screen reader hears several "Next page" buttons with nothing to tell them apart.
 */
export function KeysetPager({
  cursors,
  nextCursor,
  onChange,
  label,
}: {
  cursors: (string | undefined)[];
  nextCursor: string | null | undefined;
  onChange: (cursors: (string | undefined)[]) => void;
  label?: string;
}) {
  const t = useT();
  const buttons: ReactNode = (
    <>
      <button type="button" disabled={cursors.length < 2} onClick={() => onChange([undefined])}>
        {t("common.first")}
      </button>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onChange([...cursors, nextCursor])}>
        {t("common.next")}
      </button>
    </>
  );
  return label ? (
    <nav className="pager" aria-label={label}>
      {buttons}
    </nav>
  ) : (
    <div className="pager">{buttons}</div>
  );
}
