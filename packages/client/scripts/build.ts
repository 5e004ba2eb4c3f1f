// Builds the publishable package into dist/: JavaScript (ES modules) and declarations, with the
// router's types written out in full (routerDeclaration.ts), a package.json with real version
// ranges, and the README. `npm pack packages/client/dist` makes the tarball services install.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { routerDeclaration } from "./routerDeclaration";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const require = createRequire(join(ROOT, "package.json"));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  skipLibCheck: true,
  verbatimModuleSyntax: true,
  declaration: true,
  rootDir: join(ROOT, "src"),
  outDir: DIST,
};

/** Nothing of the server may reach the package: its code, its libraries, its type names. */
const FORBIDDEN = /@latchkey\/(api|db|gateway)|drizzle|better-sqlite3|argon2|nodemailer|\bzod\b|import\(/;

function emit(): void {
  const program = ts.createProgram([join(ROOT, "src", "index.ts")], options);
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length) throw new Error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost(options)));
  // router.ts is types only: its JavaScript is empty and nothing imports it at run time.
  rmSync(join(DIST, "router.js"));
  writeFileSync(join(DIST, "router.d.ts"), routerDeclaration(join(ROOT, "scripts", "routerEntry.ts"), options));
}

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
}

function manifest(): void {
  const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  const trpc = `^${versionOf("@trpc/client")}`;
  const pkg = {
    name: own.name,
    version: own.version,
    description: "Typed client for the Latchkey API (tRPC over /api/trpc with an API token)",
    type: "module",
    exports: { ".": { types: "./index.d.ts", default: "./index.js" } },
    types: "./index.d.ts",
    files: ["index.js", "index.d.ts", "router.d.ts", "README.md"],
    sideEffects: false,
    engines: { node: ">=18" },
    // @trpc/client needs @trpc/server's types (its peer); nothing of it runs in the client.
    dependencies: { "@trpc/client": trpc, "@trpc/server": trpc },
  };
  writeFileSync(join(DIST, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  copyFileSync(join(ROOT, "README.md"), join(DIST, "README.md"));
}

function check(): void {
  for (const file of readdirSync(DIST)) {
    if (file === "README.md" || file === "package.json") continue;
    const text = readFileSync(join(DIST, file), "utf8");
    const hit = FORBIDDEN.exec(text);
    if (hit) throw new Error(`dist/${file} mentions ${hit[0]}: the package must not depend on the server`);
  }
}

if (existsSync(DIST)) rmSync(DIST, { recursive: true });
emit();
manifest();
check();
process.stdout.write(`@latchkey/client built in ${DIST}: ${readdirSync(DIST).sort().join(", ")}\n`);
