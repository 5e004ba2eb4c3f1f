// The router's types, from the server's source inside this repository. The published package
// replaces this file with a declaration that writes them out in full (scripts/build.ts), so a
// service outside the repository needs nothing of the server.
export type { AppRouter, RouterInputs, RouterOutputs } from "@latchkey/api";
