// The small framework every command shares: options declared once (parsed with
// node:util parseArgs, rendered into --help), `--json` and `--help` on every command, and
// usage errors that carry the help text so the operator sees how to call it.
import { parseArgs } from "node:util";
import type { AppConfig, Services } from "@latchkey/api";

interface OptionSpec {
  type: "string" | "boolean";
  /** Shown in --help, e.g. "<guid|alias>". */
  value?: string;
  description: string;
  required?: boolean;
}

export interface Io {
  /** The only place JSON results go. */
  stdout(text: string): void;
  /** Banners, progress, warnings and errors. */
  stderr(text: string): void;
  stderrIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

interface RunContext {
  io: Io;
  json: boolean;
  /** The validated configuration, without opening the database. */
  config(): AppConfig;
  /** Opens the configured database on first use, so --help never touches it. */
  services(): Promise<Services>;
}

interface CommandResult {
  /** What `--json` prints. */
  json: unknown;
  /** What a person reads otherwise. */
  human: string;
  /** Default 0; a command whose report says something did not work (delivery test) exits 1. */
  exitCode?: number;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  /** "org create", or one word ("backup") */
  path: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Required words after the command (`backup <file>`), handed to run() in values by name. */
  positionals?: { name: string; description: string }[];
  /** Extra lines for --help (defaults, notes). */
  notes?: string[];
  run(ctx: RunContext, values: Values): Promise<CommandResult>;
}

/** Wrong arguments: exit code 2 and the command's help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}

const COMMON: Record<string, OptionSpec> = {
  json: { type: "boolean", description: "print the result as JSON on stdout" },
  help: { type: "boolean", description: "show this help" },
};

export function helpOf(cmd: Command): string {
  const opts = { ...cmd.options, ...COMMON };
  const synopsis = Object.entries(cmd.options)
    .map(([name, o]) => {
      const flag = o.type === "boolean" ? `--${name}` : `--${name} ${o.value ?? "<value>"}`;
      return o.required ? flag : `[${flag}]`;
    })
    .join(" ");
  const width = Math.max(...Object.entries(opts).map(([n, o]) => n.length + (o.type === "string" ? (o.value ?? "<value>").length + 1 : 0)));
  const lines = Object.entries(opts).map(([name, o]) => {
    const flag = o.type === "string" ? `${name} ${o.value ?? "<value>"}` : name;
    return `  --${flag.padEnd(width)}  ${o.description}${o.required ? " (required)" : ""}`;
  });
  const words = cmd.positionals ?? [];
  const wordWidth = Math.max(0, ...words.map((w) => w.name.length + 2));
  return [
    `Usage: latchkey ${cmd.path} ${words.map((w) => `<${w.name}>`).join(" ")} ${synopsis} [--json]`.replace(/\s+/g, " ").trim(),
    "",
    cmd.summary,
    "",
    ...(words.length ? ["Arguments:", ...words.map((w) => `  ${`<${w.name}>`.padEnd(wordWidth)}  ${w.description}`), ""] : []),
    "Options:",
    ...lines,
    ...(cmd.notes?.length ? ["", ...cmd.notes] : []),
    "",
  ].join("\n");
}

/** Parses a command's arguments; unknown options, stray words and missing values are usage errors. */
export function parseCommandArgs(cmd: Command, argv: string[]): { values: Values; help: boolean; json: boolean } {
  const options = Object.fromEntries(Object.entries({ ...cmd.options, ...COMMON }).map(([name, o]) => [name, { type: o.type }]));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: Boolean(cmd.positionals) });
  } catch (err) {
    // parseArgs messages are precise ("Unknown option '--nme'"); keep the first line only.
    const message = (err as Error).message.split("\n")[0]!.replace(/\. To specify a positional.*$/, ".");
    throw new UsageError(message, helpOf(cmd));
  }
  const values = parsed.values as Values;
  const help = values.help === true;
  const words = cmd.positionals ?? [];
  if (!help) {
    if (parsed.positionals.length > words.length)
      throw new UsageError(`Unexpected argument '${parsed.positionals[words.length]}'.`, helpOf(cmd));
    const absent = words.slice(parsed.positionals.length).map((w) => `<${w.name}>`);
    if (absent.length) throw new UsageError(`Missing ${absent.join(" ")}.`, helpOf(cmd));
    words.forEach((w, i) => (values[w.name] = parsed.positionals[i]));
    const missing = Object.entries(cmd.options)
      .filter(([name, o]) => o.required && (values[name] === undefined || values[name] === ""))
      .map(([name]) => `--${name}`);
    if (missing.length) throw new UsageError(`Missing required option${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`, helpOf(cmd));
  }
  return { values, help, json: values.json === true };
}

/** A string option, trimmed; undefined when absent. */
export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A required string option (parseCommandArgs has already checked it is there). */
export function req(values: Values, name: string): string {
  const v = str(values, name);
  if (v === undefined) throw new UsageError(`Missing required option: --${name}`);
  return v;
}

/** A whole-number option within bounds. */
export function int(values: Values, name: string, min: number, max: number): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`--${name} must be a whole number`);
  const n = Number(v.trim());
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}`);
  return n;
}
