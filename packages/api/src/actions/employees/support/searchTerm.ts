// Not an action: which search terms an organization may use (docs/SPEC.md §2.1). A term of 3
// characters or more goes through the search index; a shorter one can only be matched by reading
// the organization's rows one by one, which in a big organization is a long query (on SQLite it
// holds the event loop of the whole process: ~450 ms at a million employees, BENCHMARKS.md). So a
// short term is answered only where that read is short.
import type { Database } from "@latchkey/db";
import { DomainError } from "../../../errors";
import { countUpTo } from "./countUpTo";

/** Terms of this many characters (code points) or more use the index. */
const INDEXED_TERM_LENGTH = 3;
/** An organization of at most this many employees may search for 1 or 2 characters. */
const SHORT_TERM_ORG_LIMIT = 2_000;

/** Refuses a 1-2 character term in an organization of more than SHORT_TERM_ORG_LIMIT employees. */
export async function assertSearchable(database: Database, orgGuid: string, term: string): Promise<void> {
  if ([...term].length >= INDEXED_TERM_LENGTH) return;
  if ((await countUpTo(database, orgGuid, [], SHORT_TERM_ORG_LIMIT + 1)) > SHORT_TERM_ORG_LIMIT)
    throw new DomainError(
      "RequestIsNotValid",
      `Search for at least ${INDEXED_TERM_LENGTH} characters: shorter terms work in organizations of up to ${SHORT_TERM_ORG_LIMIT.toLocaleString("en")} employees.`,
      // The limit tells clients (the console's translations) which refusal of the field this is.
      { field: "search", limit: INDEXED_TERM_LENGTH },
    );
}
