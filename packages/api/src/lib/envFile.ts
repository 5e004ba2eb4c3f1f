// The `.env` file: read with Node's own dotenv parser (quotes, `export`, `#` comments, multi-line
// quoted values), never run by a shell, so `SMTP_FROM=Latchkey <no-reply@example.com>` is a value
// and not a redirection. A line the parser would silently skip is reported instead, with its
// number: an operator who typed `LATCHKEY_SMS_PROVIDER webhook` must hear about it.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

export interface EnvFile {
  path: string;
  values: Record<string, string>;
  /** "line 7: …", one per line that is neither a setting, a comment nor blank. */
  problems: string[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;

/**
 * Lines outside a quoted multi-line value that do not read `NAME=value`. They are reported, and
 * blanked before parsing: Node's parser would otherwise read such a line and the next one as one
 * name, and hide the next line's setting too.
 */
function checkLines(lines: string[]): string[] {
  const problems: string[] = [];
  let openQuote: string | null = null;
  lines.forEach((line, i) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = null;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const m = ASSIGNMENT.exec(line);
    if (!m) {
      problems.push(`line ${i + 1}: expected NAME=value`);
      lines[i] = "";
      return;
    }
    const value = m[1]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && !value.slice(1).includes(quote)) openQuote = quote;
  });
  if (openQuote) problems.push(`a quoted value (${openQuote}) is never closed`);
  return problems;
}

/** Reads a dotenv file; null when there is none. */
export function readEnvFile(path: string): EnvFile | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  const problems = checkLines(lines);
  return { path, values: parseEnv(lines.join("\n")) as Record<string, string>, problems };
}
