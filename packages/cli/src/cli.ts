// Dispatch: `latchkey <group> <verb> [options]`. Exit codes: 0 ok, 1 the operation failed
// (a DomainError, a bad configuration value), 2 the command line was wrong. Never a stack trace.
import type { AppConfig, Services } from "@latchkey/api";
import { ConfigError, toDomainError } from "@latchkey/api";
import { DatabaseCopyError, SchemaTooNewError } from "@latchkey/db";
import { BackupError } from "./backup/backupError";
import { helpOf, parseCommandArgs, UsageError, type Command, type Io } from "./command";
import { adminRecover } from "./commands/admin";
import { backup } from "./commands/backup";
import { dbCopy } from "./commands/db";
import { demoSeed } from "./commands/demo";
import { deliveryTest } from "./commands/delivery";
import { orgCreate, orgList } from "./commands/org";
import { employeeCreate, outletCreate, workplaceCreate } from "./commands/records";
import { tokenCreate } from "./commands/token";
import { loadCliConfig, openServices } from "./runtime";

export const COMMANDS: Command[] = [
  orgCreate,
  orgList,
  employeeCreate,
  outletCreate,
  workplaceCreate,
  tokenCreate,
  adminRecover,
  demoSeed,
  backup,
  dbCopy,
  deliveryTest,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.length));
  return [
    "Usage: latchkey <command> [options] [--json]",
    "",
    "Acts on the configured database (DATABASE_URL, LATCHKEY_SECRET: the environment, then ./.env,",
    "as the server reads them); the server may be running.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.path.padEnd(width)}  ${c.summary}`),
    "",
    "Run `latchkey <command> --help` for the options of one command.",
    "",
  ].join("\n");
}

function groupHelp(group: string): string {
  const cmds = COMMANDS.filter((c) => c.path.startsWith(`${group} `));
  return [
    `Usage: latchkey ${group} <${cmds.map((c) => c.path.split(" ")[1]).join("|")}> [options]`,
    "",
    ...cmds.map((c) => `  ${c.path}  ${c.summary}`),
    "",
  ].join("\n");
}

function find(argv: string[]): { cmd: Command; rest: string[] } {
  const [group, verb] = argv;
  if (group === undefined) throw new UsageError("No command given.", mainHelp());
  if (group === "--help" || group === "-h" || group === "help") throw new HelpRequested(mainHelp());
  const inGroup = COMMANDS.filter((c) => c.path.split(" ")[0] === group);
  if (inGroup.length === 0) throw new UsageError(`Unknown command '${group}'.`, mainHelp());
  // A command of one word (`backup <file>`) takes the rest of the line itself.
  const single = inGroup.find((c) => c.path === group);
  if (single) return { cmd: single, rest: argv.slice(1) };
  if (verb === undefined || verb === "--help" || verb === "-h") {
    if (verb === undefined) throw new UsageError(`'${group}' needs a subcommand.`, groupHelp(group));
    throw new HelpRequested(groupHelp(group));
  }
  const cmd = inGroup.find((c) => c.path === `${group} ${verb}`);
  if (!cmd) throw new UsageError(`Unknown command '${group} ${verb}'.`, groupHelp(group));
  return { cmd, rest: argv.slice(2) };
}

class HelpRequested extends Error {}

/** Runs one command line and returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let config: AppConfig | undefined;
  let services: Services | undefined;
  const getConfig = () => (config ??= loadCliConfig(io.env, io.stderr));
  let json = argv.includes("--json");
  let cmd: Command | undefined;
  try {
    const found = find(argv);
    cmd = found.cmd;
    const rest = found.rest;
    const parsed = parseCommandArgs(cmd, rest);
    json = parsed.json;
    if (parsed.help) {
      io.stdout(helpOf(cmd));
      return 0;
    }
    const result = await cmd.run(
      {
        io,
        json,
        config: getConfig,
        services: async () => (services ??= await openServices(getConfig(), io.env)),
      },
      parsed.values,
    );
    io.stdout(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.human}\n`);
    return result.exitCode ?? 0;
  } catch (err) {
    if (err instanceof HelpRequested) {
      io.stdout(err.message);
      return 0;
    }
    if (err instanceof UsageError) {
      const help = err.help ?? (cmd ? helpOf(cmd) : undefined);
      io.stderr(`latchkey: ${err.message}\n${help ? `\n${help}` : ""}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr(`latchkey: ${err.message}\nSee .env.example for every setting.\n`);
      return 1;
    }
    if (err instanceof BackupError) {
      io.stderr(`latchkey: backup failed: ${err.message}\n`);
      return 1;
    }
    if (err instanceof DatabaseCopyError) {
      io.stderr(`latchkey: db copy refused: ${err.message}\n`);
      return 1;
    }
    if (err instanceof SchemaTooNewError) {
      io.stderr(`latchkey: ${err.message}\n`);
      return 1;
    }
    const domain = toDomainError(err);
    if (domain.code === "InternalServerError") {
      // Not a domain failure: show what happened (never a stack unless asked for).
      const message = err instanceof Error ? err.message : String(err);
      io.stderr(`latchkey: unexpected error: ${message}\n`);
      if (io.env.LATCHKEY_DEBUG && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    } else {
      const field = domain.field ? ` [${domain.field}]` : "";
      io.stderr(`latchkey: ${domain.message} (${domain.code}${field})\n`);
    }
    if (json) io.stdout(`${JSON.stringify({ error: { code: domain.code, message: domain.message, field: domain.field ?? null } })}\n`);
    return 1;
  } finally {
    await services?.database.close();
  }
}

/**
 * Runs one command line in this process with `env` as its whole environment and returns what it
 * printed: for programs (and tests) that drive the CLI without a terminal.
 */
export async function runCliCaptured(
  argv: string[],
  env: Record<string, string>,
): Promise<{ exit: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const exit = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTty: false,
    env: env as NodeJS.ProcessEnv,
  });
  return { exit, stdout, stderr };
}
