"use client";
import type { ReactNode } from "react";
import { useT } from "~/lib/useT";
import { Button } from "./ui";

/**
 * "First page" / "Next page" over keyset pagination. `onPage(undefined)` goes to the first
 * page, `onPage(cursor)` to the page after the server's `nextCursor`. `label` makes it a named
 * navigation landmark: a page with several pagers needs it, or a screen reader hears several
 * "Next page" buttons with nothing to tell them apart.
 */
export function KeysetPager({
  onFirstPage,
  nextCursor,
  onPage,
  label,
}: {
  onFirstPage: boolean;
  nextCursor: string | null | undefined;
  onPage: (cursor: string | undefined) => void;
  label?: string;
}) {
  const t = useT();
  const buttons: ReactNode = (
    <>
      <Button disabled={onFirstPage} onClick={() => onPage(undefined)}>
        {t("common.first")}
      </Button>
      <Button disabled={!nextCursor} onClick={() => nextCursor && onPage(nextCursor)}>
        {t("common.next")}
      </Button>
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

/** The cursors of the pages seen so far, for a pager whose pages are not in the address. */
export function cursorStack(cursors: (string | undefined)[], setCursors: (c: (string | undefined)[]) => void) {
  return {
    cursor: cursors[cursors.length - 1],
    onFirstPage: cursors.length < 2,
    onPage: (cursor: string | undefined) => setCursors(cursor ? [...cursors, cursor] : [undefined]),
  };
}
