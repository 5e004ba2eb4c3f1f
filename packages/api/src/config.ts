// Settings come from the environment, then from a `.env` file (the environment wins), read the
// same way by the server and every CLI command, and validated once with one clear line per bad
// value, all of them at once. `.env.example` at the repository root lists every variable read here.
import { existsSync } from "node:fs";
import { z } from "zod";
import { DatabaseUrlError, DEFAULT_DATABASE_URL, parseDatabaseUrl } from "@latchkey/db";
import { parseTrustProxy, TRUST_PROXY_RULE, type TrustProxy } from "./lib/clientAddress";
import { readEnvFile, type EnvFile } from "./lib/envFile";
import { isStrongSecret, readSecretFile, resolveSecret, SECRET_RULE, secretFileOf } from "./lib/serverSecret";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int({ message: "must be a whole number" })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });
const trustProxy = z.string().transform((v, ctx): TrustProxy => {
  const parsed = parseTrustProxy(v);
  if (!parsed) ctx.addIssue({ code: "custom", message: TRUST_PROXY_RULE });
  return parsed ?? { kind: "none" };
});
const url = z.url({ message: "must be an absolute http(s) URL", protocol: /^https?$/ });
/** "a.example, b.example" -> ["a.example", "b.example"]; "*" stays as the one entry that turns the check off. */
const hostList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((h) => h.trim())
      .filter((h) => h !== ""),
  )
  .refine((hosts) => hosts.every((h) => h === "*" || /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/i.test(h)), {
    message: "must be a comma-separated list of host names (no ports or schemes), or *",
  });

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .superRefine((v, ctx) => {
      try {
        parseDatabaseUrl(v);
      } catch (err) {
        if (!(err instanceof DatabaseUrlError)) throw err;
        ctx.addIssue({ code: "custom", message: err.message.replace(/^DATABASE_URL /, "") });
      }
    })
    .default(DEFAULT_DATABASE_URL),
  /** PostgreSQL connections per instance. */
  LATCHKEY_DB_POOL_SIZE: int(1, 1000).default(10),
  LATCHKEY_SECRET: z.string().refine(isStrongSecret, { message: SECRET_RULE }).optional(),
  LATCHKEY_PUBLIC_URL: url.optional(),
  /** More host names than LATCHKEY_PUBLIC_URL's that requests may name (edgeGuards in apps/server); "*": any. */
  LATCHKEY_ALLOWED_HOSTS: hostList.optional(),
  LATCHKEY_ADMIN_EMAIL: z.email({ message: "must be an email address" }).optional(),
  LATCHKEY_ADMIN_PASSWORD: z.string().min(12, { message: "must be at least 12 characters" }).optional(),
  LATCHKEY_EMAIL_PROVIDER: z.enum(["log", "smtp", "none"], { message: "must be log, smtp or none" }).default("log"),
  LATCHKEY_SMS_PROVIDER: z.enum(["log", "webhook", "none"], { message: "must be log, webhook or none" }).default("log"),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: int(1, 65535).default(587),
  SMTP_SECURE: bool.default(false),
  /** Without SMTP_SECURE, mail goes only after STARTTLS; false only for a relay on this machine or network. */
  SMTP_REQUIRE_TLS: bool.default(true),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default("Latchkey <no-reply@latchkey.local>"),
  LATCHKEY_SMS_WEBHOOK_URL: url.optional(),
  /** A webhook URL over plain http is refused unless it is on this machine, or this says otherwise. */
  LATCHKEY_SMS_WEBHOOK_ALLOW_HTTP: bool.default(false),
  LATCHKEY_SMS_WEBHOOK_SECRET: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
  LATCHKEY_DELIVERY_MAX_ATTEMPTS: int(1, 50).default(6),
  LATCHKEY_RATE_LIMIT_PER_TOKEN: int(0, 1_000_000).default(600),
  LATCHKEY_RATE_LIMIT_PER_IP: int(0, 1_000_000).default(60),
  /** Wrong activation codes per minute, from anywhere, before activation pauses everywhere (0 = off). */
  LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: int(0, 1_000_000).default(10),
  LATCHKEY_ACTIVATION_LOCKDOWN_SECONDS: int(1, 7 * 86_400).default(900),
  /** Whose X-Forwarded-For to believe: lib/clientAddress.ts. */
  LATCHKEY_TRUST_PROXY: trustProxy.default({ kind: "none" }),
  LATCHKEY_HASH_MEMORY_KIB: int(8192, 1_048_576).default(19456),
  LATCHKEY_HASH_ITERATIONS: int(1, 20).default(2),
  /** Serve the web app (needs `next build`); off serves only the APIs. */
  LATCHKEY_WEB: bool.default(true),
  LATCHKEY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Serves Prometheus metrics at /metrics to this bearer token; unset, /metrics does not exist. */
  LATCHKEY_METRICS_TOKEN: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig extends Env {
  /** The secret as bytes, from LATCHKEY_SECRET or the persisted file beside the database. */
  secret: Buffer;
  publicUrl: string;
  /** Worth telling the operator, not worth refusing to start: names in `.env` that are no setting. */
  warnings: string[];
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const isTrue = (v: string | undefined) => v === "true" || v === "1" || v === "yes";

/** An http:// URL whose host is not this machine: codes would cross a network in clear. */
function plainHttpElsewhere(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false; // the URL's own rule reports it
  }
  if (u.protocol !== "http:") return false;
  const host = u.hostname.toLowerCase();
  return !(host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}

/** Checks that need more than one value; run on the raw values so they report alongside the rest. */
function crossFieldProblems(raw: Record<string, string>): string[] {
  const problems: string[] = [];
  if (raw.LATCHKEY_EMAIL_PROVIDER === "smtp" && !raw.SMTP_HOST) problems.push("SMTP_HOST is required when LATCHKEY_EMAIL_PROVIDER=smtp");
  if (raw.LATCHKEY_SMS_PROVIDER === "webhook" && !raw.LATCHKEY_SMS_WEBHOOK_URL)
    problems.push("LATCHKEY_SMS_WEBHOOK_URL is required when LATCHKEY_SMS_PROVIDER=webhook");
  if (raw.LATCHKEY_SMS_WEBHOOK_URL && plainHttpElsewhere(raw.LATCHKEY_SMS_WEBHOOK_URL) && !isTrue(raw.LATCHKEY_SMS_WEBHOOK_ALLOW_HTTP))
    problems.push(
      "LATCHKEY_SMS_WEBHOOK_URL must be https (plain http only to this machine: localhost, 127.0.0.0/8, [::1]); set LATCHKEY_SMS_WEBHOOK_ALLOW_HTTP=true to send codes over http anyway",
    );
  if (raw.LATCHKEY_SMS_PROVIDER === "webhook" && !raw.LATCHKEY_SMS_WEBHOOK_SECRET)
    problems.push("LATCHKEY_SMS_WEBHOOK_SECRET is required when LATCHKEY_SMS_PROVIDER=webhook");
  if (/^postgres(ql)?:/i.test(raw.DATABASE_URL ?? "") && !raw.LATCHKEY_SECRET)
    problems.push("LATCHKEY_SECRET is required when DATABASE_URL is PostgreSQL: every instance must use the same one");
  if ((raw.LATCHKEY_ADMIN_EMAIL === undefined) !== (raw.LATCHKEY_ADMIN_PASSWORD === undefined))
    problems.push("LATCHKEY_ADMIN_EMAIL and LATCHKEY_ADMIN_PASSWORD must be given together");
  return problems;
}

/** Empty strings mean "unset", as in most .env files. */
function setValues(values: NodeJS.ProcessEnv | Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
}

interface Validated {
  /** The values as given, for the checks that must run whatever else is wrong. */
  raw: Record<string, string>;
  problems: string[];
  /** Only when there are no problems. */
  env: Env | null;
}

function validate(env: NodeJS.ProcessEnv, file: EnvFile | null): Validated {
  const fromFile = setValues(file?.values ?? {});
  const fromEnv = setValues(env);
  const raw = { ...fromFile, ...fromEnv };
  const where = (name: string) => (file && name in fromFile && !(name in fromEnv) ? ` (in ${file.path})` : "");
  const problems = (file?.problems ?? []).map((p) => `${file!.path}: ${p}`);
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join(".");
      problems.push(`${name} ${issue.message}${where(name)}`);
    }
  }
  problems.push(...crossFieldProblems(raw));
  return { raw, problems, env: parsed.success && !problems.length ? parsed.data : null };
}

/**
 * Validates the settings: the environment's, over the `.env` file's when one is given. Throws a
 * ConfigError listing every problem (the file's malformed lines included), never only the first.
 */
export function parseEnv(env: NodeJS.ProcessEnv = process.env, file: EnvFile | null = null): Env {
  const { problems, env: parsed } = validate(env, file);
  if (!parsed) throw new ConfigError(problems);
  return parsed;
}

/**
 * What is wrong with the secret file while other settings are wrong too, so one report lists it
 * with them. Nothing to judge without a file: LATCHKEY_SECRET replaces it (the schema judges that
 * one), PostgreSQL has none, a bad DATABASE_URL names none, and a missing file would be created
 * by a start that the other problems refuse anyway, so it is not created here.
 */
function secretFileProblems(raw: Record<string, string>): string[] {
  if (raw.LATCHKEY_SECRET) return [];
  let file: string | null;
  try {
    file = secretFileOf(raw.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  } catch (err) {
    if (err instanceof DatabaseUrlError) return [];
    throw err;
  }
  if (file === null || !existsSync(file)) return [];
  const read = readSecretFile(file);
  return "problem" in read ? [read.problem] : [];
}

/** Names in `.env` that look like ours but that no setting has (a typo, a removed setting). */
function unknownNames(file: EnvFile | null): string[] {
  if (!file) return [];
  const known = new Set(Object.keys(envSchema.shape));
  return Object.keys(file.values)
    .filter((name) => /^(LATCHKEY|SMTP)_/.test(name) && !known.has(name))
    .map((name) => `${file.path}: ${name} is not a Latchkey setting (see .env.example)`);
}

export interface LoadOptions {
  /**
   * The dotenv file read under the environment. Default: `.env` in the working directory when
   * `env` is the process's own environment (the server, the CLI), none for an explicit `env`
   * (tests and tools that build their configuration themselves). Null: none.
   */
  envFile?: string | null;
}

/** The configuration of the server and of every CLI command: environment, then `.env`, validated. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): AppConfig {
  const path = options.envFile === undefined ? (env === process.env ? ".env" : null) : options.envFile;
  const file = path ? readEnvFile(path) : null;
  const { raw, problems, env: e } = validate(env, file);
  if (!e) throw new ConfigError([...problems, ...secretFileProblems(raw)]);
  const resolved = resolveSecret(e);
  if ("problem" in resolved) throw new ConfigError([resolved.problem]);
  return {
    ...e,
    secret: resolved.secret,
    publicUrl: (e.LATCHKEY_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    warnings: unknownNames(file),
  };
}
