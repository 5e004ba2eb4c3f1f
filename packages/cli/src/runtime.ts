// The CLI acts on the configured database through the same tRPC procedures as every other
// surface, as the operator at the console (the "system" principal, an instance admin).
import {
  createCaller,
  createLogger,
  createServices,
  createSystemContext,
  isUuid,
  loadConfig,
  type AppConfig,
  type Services,
} from "@latchkey/api";

export type Caller = ReturnType<typeof createCaller>;

/**
 * The configuration every command acts on: the environment, then `.env`, read by the same
 * loadConfig as the server, so both act on one database with one secret.
 */
export function loadCliConfig(env: NodeJS.ProcessEnv, warn: (line: string) => void = () => {}): AppConfig {
  const config = loadConfig(env);
  for (const w of config.warnings) warn(`latchkey: warning: ${w}\n`);
  return config;
}

/** Opens (and migrates) the configured database. */
export async function openServices(config: AppConfig, env: NodeJS.ProcessEnv): Promise<Services> {
  // The server logs at info; at the console only warnings are worth the operator's attention.
  const level = env.LATCHKEY_LOG_LEVEL ? config.LATCHKEY_LOG_LEVEL : "warn";
  return await createServices(config, { log: createLogger(level) });
}

/** The installation-wide caller: organizations.create/list. */
export function systemCaller(services: Services): Caller {
  return createCaller(createSystemContext(services));
}

/** A caller acting in one organization, named by guid or alias (unknown ones fail with NotFound). */
export function orgCaller(services: Services, org: string): Caller {
  const ref = isUuid(org) ? { guid: org.toLowerCase() } : { alias: org.toLowerCase() };
  return createCaller(createSystemContext(services, { org: ref }));
}
