"use client";
import { useT } from "~/lib/useT";

/**
 * "First page" / "Next page" over keyset pagination: `cursors` is the stack of cursors of the
 * pages seen so far (the last one is the current page), `nextCursor` the server's next one.
 */
export function KeysetPager({
  cursors,
  nextCursor,
  onChange,
}: {
  cursors: (string | undefined)[];
  nextCursor: string | null | undefined;
  onChange: (cursors: (string | undefined)[]) => void;
}) {
  const t = useT();
  return (
    <div className="pager">
      <button type="button" disabled={cursors.length < 2} onClick={() => onChange([undefined])}>
        {t("common.first")}
      </button>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onChange([...cursors, nextCursor])}>
        {t("common.next")}
      </button>
    </div>
  );
}
