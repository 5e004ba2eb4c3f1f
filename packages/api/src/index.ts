export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root";
export { createContext, createSystemContext, type Context, type CookieSink, type Principal, type RequestMeta } from "./context";
export { createServices, getServices, registerServices, type Services, type ServiceOverrides } from "./services";
export { ConfigError, loadConfig, parseEnv, type AppConfig } from "./config";
export { DomainError, DOMAIN_ERROR_CODES, isDomainError, PASSWORD_RULES, type DomainErrorCode, type PasswordRule } from "./errors";
export type { AuditAction } from "./lib/auditActions";
export { toDomainError, trpcCodeOf } from "./trpc";
export { isUuid } from "./fields";
export * as passwordSchemas from "./actions/passwords/schemas";
export * as activationSchemas from "./actions/activation/schemas";
export { ensureInstanceAdmin, recoverInstanceAdmin, SYSTEM_ORG_ALIAS, type BootstrapResult } from "./bootstrap";
export { SESSION_COOKIE, SESSION_TTL_MS, sessionCookieName } from "./lib/credentials";
export { ManualClock, systemClock, type Clock } from "./lib/clock";
export { cryptoRandom, type Random } from "./lib/random";
export { createLogger, type Logger } from "./lib/logger";
export { deliveryWorkerState, startDeliveryWorker, type DeliveryWorkerOptions } from "./lib/delivery/startDeliveryWorker";
export { checkReadiness, type Readiness } from "./lib/readiness";
export { SECRET_FILE } from "./lib/serverSecret";
export type { Metrics, RequestObservation } from "./lib/metrics";
export { deliverDueMessages, type DeliveryReport } from "./lib/delivery/deliverDueMessages";
export { sendTestMessage, type TestDelivery } from "./lib/delivery/sendTestMessage";
export {
  CLIENT_ADDRESS_HEADER,
  CLIENT_HTTPS_HEADER,
  clientAddress,
  limitSubject,
  peerIsTrustedProxy,
  reachedOverHttps,
  type TrustProxy,
} from "./lib/clientAddress";
