"use client";
// Instance admins only: the organization the console acts in (cookie -> x-latchkey-org). The
// button always names the organization the page acts in, as the server resolved it; the dialog
// searches every organization of the installation (organizations.list, a page at a time).
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { errorText } from "~/lib/errors";
import { ORG_COOKIE } from "~/lib/orgCookie";
import { useTRPC, useTRPCClient, writeCookie } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { Modal } from "./Modal";
import { Alert, Button, Field } from "./ui";

export interface OrgChoice {
  guid: string;
  name: string;
  alias: string;
}

const PER_REQUEST = 25;
const SEARCH_DELAY_MS = 250;

/** Where to land in another organization: the section of the page, never another org's object. */
function sectionOf(path: string): string {
  const m = /^\/console\/[^/]+/.exec(path);
  return m ? m[0] : path;
}

export function OrgSwitcher({ current, own }: { current: OrgChoice | null; own: OrgChoice | null }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const path = usePathname();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(filter.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filter]);
  // Archived organizations cannot be acted in: not offered.
  const input = { limit: PER_REQUEST, archived: false, ...(search ? { search } : {}) };
  const q = useInfiniteQuery({
    queryKey: trpc.organizations.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.organizations.list.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const listed = q.data?.pages.flatMap((p) => p.items) ?? [];
  // The instance admins' own organization is not among the listed ones; it is a choice too.
  const ownMatches = own && (!search || `${own.name} ${own.alias}`.toLowerCase().includes(search.toLowerCase()));
  const choices = [...(ownMatches ? [own] : []), ...listed];
  const choose = (org: OrgChoice) => {
    writeCookie(ORG_COOKIE, org.guid === own?.guid ? null : org.guid);
    // A full load: every part of the page, the frame included, then acts in the new organization.
    window.location.assign(sectionOf(path));
  };
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setFilter("");
      }}
      title={t("org.switchTitle")}
      trigger={
        <Button className="org-button">
          <span className="org-button-label">{t("org.switch")}</span>{" "}
          {current ? (
            <>
              <strong>{current.name}</strong> <span className="org-button-alias">({current.alias})</span>
            </>
          ) : (
            <strong>{t("org.none")}</strong>
          )}
        </Button>
      }
    >
      <Field label={t("org.find")} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
      <Alert>{q.error ? errorText(q.error, t, lang) : null}</Alert>
      <ul className="choice-list" aria-busy={q.isFetching}>
        {choices.map((o) => (
          <li key={o.guid}>
            <Button aria-current={o.guid === current?.guid ? "true" : undefined} onClick={() => choose(o)}>
              <span>{o.name}</span> <span className="hint">{o.alias}</span>
              {o.guid === current?.guid ? <span className="badge">{t("org.currentBadge")}</span> : null}
            </Button>
          </li>
        ))}
      </ul>
      {q.isSuccess && !q.isPlaceholderData && choices.length === 0 ? <p role="status">{t("org.noMatch")}</p> : null}
      {q.hasNextPage ? (
        <Button onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {t("org.more")}
        </Button>
      ) : null}
    </Modal>
  );
}
