// Column helpers shared by every table. Timestamps are integer epoch milliseconds and ids
// are text UUIDs: both map cleanly to PostgreSQL (bigint / uuid) when an installation grows.
import { integer } from "drizzle-orm/sqlite-core";

export const timestamp = (name: string) => integer(name, { mode: "number" });
export const flag = (name: string) => integer(name, { mode: "boolean" });
