// @latchkey/client as a service outside this repository gets it: the package is built and packed,
// the tarball is installed with npm into a scratch project in the system's temp directory (the
// registry supplies @trpc and TypeScript), a small program is typechecked with `tsc --strict`
// (its @ts-expect-error lines prove the types are real, not `any`) and then run against the server.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useServer } from "./useServer";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CLIENT = join(ROOT, "packages", "client");
const t = useServer();
const scratch = mkdtempSync(join(tmpdir(), "latchkey-client-scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const versionIn = (dir: string, name: string) =>
  (JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

const PROGRAM = `import { createLatchkeyClient, domainCodeOf, type RouterInputs, type RouterOutputs } from "@latchkey/client";

const [url, token, guid] = process.argv.slice(2) as [string, string, string];
const latchkey = createLatchkeyClient({ url, token });

const employee: RouterOutputs["employees"]["get"] = await latchkey.employees.get.query({ guid });
const input: RouterInputs["employees"]["resetPassword"] = { guid };
const reset = await latchkey.employees.resetPassword.mutate(input);
const channel: "sms" | "email" | null = reset.channel;

let missing: string | null = null;
try {
  await latchkey.employees.get.query({ guid: "00000000-0000-4000-8000-000000000000" });
} catch (err) {
  missing = domainCodeOf(err);
}

// @ts-expect-error: no such procedure
void latchkey.employees.frobnicate;
// @ts-expect-error: employees.get takes a guid, not an id
void latchkey.employees.get.query({ id: 1 }).catch(() => null);
// @ts-expect-error: a display name is a string
const wrong: number = employee.displayName;
void wrong;

console.log(JSON.stringify({ name: employee.displayName, channel, missing }));
`;

beforeAll(async () => {
  await run(join(ROOT, "node_modules", ".bin", "tsx"), [join(CLIENT, "scripts", "build.ts")], { cwd: CLIENT });
  const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", scratch, join(CLIENT, "dist")]);
  const tarball = join(scratch, stdout.trim());
  const app = join(scratch, "service");
  mkdirSync(join(app, "src"), { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch-service", private: true, type: "module" }));
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        types: ["node"],
        outDir: "dist",
      },
      include: ["src"],
    }),
  );
  writeFileSync(join(app, "src", "program.ts"), PROGRAM);
  // The TypeScript and Node types this repository uses, from the registry like everything else.
  const typescript = `typescript@${versionIn(ROOT, "typescript")}`;
  const nodeTypes = `@types/node@${versionIn(CLIENT, "@types/node")}`;
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball, typescript, nodeTypes], { cwd: app });
}, 600_000);

describe("@latchkey/client from its tarball", () => {
  it("installs nothing of the server", () => {
    const app = join(scratch, "service");
    const installed = readdirSync(join(app, "node_modules"))
      .filter((d) => !d.startsWith("."))
      .flatMap((d) => (d.startsWith("@") ? readdirSync(join(app, "node_modules", d)).map((n) => `${d}/${n}`) : [d]));
    expect(installed.sort()).toEqual(["@latchkey/client", "@trpc/client", "@trpc/server", "@types/node", "typescript", "undici-types"]);
    const files = readdirSync(join(app, "node_modules", "@latchkey", "client")).sort();
    expect(files).toEqual(["README.md", "index.d.ts", "index.js", "package.json", "router.d.ts"]);
  });

  it("typechecks a program with tsc --strict and runs it against the server", async () => {
    const app = join(scratch, "service");
    await run(join(app, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: app });
    const { stdout } = await run(
      process.execPath,
      [join(app, "dist", "program.js"), t.url, t.world.tokens.service, t.world.employees[3]!.guid],
      {
        cwd: app,
      },
    );
    expect(JSON.parse(stdout)).toEqual({ name: "Person 5", channel: "sms", missing: "NotFound" });
  }, 300_000);
});
