// What scripts/build.ts writes out: the server's router type.
import type { AppRouter } from "@latchkey/api";

export type Router = AppRouter;
