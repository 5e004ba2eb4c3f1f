export * from "./client";
export * from "./groupCommit";
export * from "./migrate";
export * from "./schema";
export * from "./search";
export { aliasedTable, and, asc, between, desc, eq, gt, gte, inArray, isNull, isNotNull, like, lt, lte, ne, or, sql } from "drizzle-orm";
export type { SQL, SQLWrapper } from "drizzle-orm";
export * from "./sqliteBackup";
