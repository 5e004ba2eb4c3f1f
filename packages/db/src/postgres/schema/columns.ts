// Column helpers shared by every table, matching the SQLite schema's JavaScript types: timestamps
// are epoch milliseconds (bigint read as a number: safe up to 2^53, i.e. year 287,396), flags
// are booleans.
import { bigint, boolean } from "drizzle-orm/pg-core";

export const timestamp = (name: string) => bigint(name, { mode: "number" });
export const flag = (name: string) => boolean(name);
/** Installation-wide integer ids and the columns that point at them. */
export const id = (name: string) => bigint(name, { mode: "number" });
