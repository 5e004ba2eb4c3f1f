export { createApiApp, isApiPath } from "./app";
