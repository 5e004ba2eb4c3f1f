export { createApiApp, isApiPath } from "./app";
export { buildOpenApi } from "./openapi";
export { ROUTES } from "./routeTable";
export type { Route } from "./route";
export type { Family, FamilyName } from "./family";
export { createRpcHandler, isRpcPath } from "./zitadel/zitadelRpc";
