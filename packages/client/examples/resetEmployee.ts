// An internal service resetting an employee's password through the typed client.
//   LATCHKEY_URL=http://localhost:3000 LATCHKEY_TOKEN=lk_… pnpm tsx packages/client/examples/resetEmployee.ts <employee-guid>
import { fileURLToPath } from "node:url";
import { createLatchkeyClient, domainCodeOf, type LatchkeyClient } from "../src/index";

export async function resetEmployee(client: LatchkeyClient, guid: string) {
  const employee = await client.employees.get.query({ guid });
  // Revokes the employee's sessions and tokens and sends a one-time code (SMS, else email).
  const reset = await client.employees.resetPassword.mutate({ guid });
  return { name: employee.displayName, channel: reset.channel, sequence: reset.employee.sequence };
}

async function main(): Promise<void> {
  const [guid] = process.argv.slice(2);
  const url = process.env["LATCHKEY_URL"] ?? "http://localhost:3000";
  const token = process.env["LATCHKEY_TOKEN"];
  if (!guid || !token) {
    process.stderr.write("usage: LATCHKEY_TOKEN=lk_… tsx resetEmployee.ts <employee-guid>\n");
    process.exit(2);
  }
  try {
    const done = await resetEmployee(createLatchkeyClient({ url, token }), guid);
    process.stdout.write(`${JSON.stringify(done)}\n`);
  } catch (err) {
    process.stderr.write(`reset failed: ${domainCodeOf(err) ?? (err as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
