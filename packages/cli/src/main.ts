// `pnpm latchkey …`: the operator's console. Everything is in cli.ts so tests and other
// tools can run a command line in-process too.
import { runCli } from "./cli";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
});
process.exitCode = code;
