// Calling Latchkey with ZITADEL's own TypeScript SDK, written exactly as for ZITADEL itself: a
// gRPC transport with the bearer token, the v2 UserService client, the vendor's messages.
//   ZITADEL_API_URL=http://localhost:3000 ZITADEL_SERVICE_USER_TOKEN=lk_… \
//     pnpm exec tsx apps/server/examples/zitadelSdk.ts <user-id> ['https://app.example.com/reset#code={{.Code}}']
import { fileURLToPath } from "node:url";
import { Code, ConnectError, type Transport } from "@connectrpc/connect";
import { timestampDate } from "@zitadel/client";
import { createServerTransport } from "@zitadel/client/node";
import { createUserServiceClient } from "@zitadel/client/v2";
import { NotificationType } from "@zitadel/proto/zitadel/user/v2/password_pb.js";

/** Sends the user a password reset link by email; with a template, the link is built from it. */
export async function sendResetLink(transport: Transport, userId: string, urlTemplate?: string) {
  const users = createUserServiceClient(transport);
  const { details } = await users.passwordReset({
    userId,
    medium: { case: "sendLink", value: { notificationType: NotificationType.Email, ...(urlTemplate ? { urlTemplate } : {}) } },
  });
  return {
    sequence: details!.sequence.toString(),
    changeDate: timestampDate(details!.changeDate!).toISOString(),
    resourceOwner: details!.resourceOwner,
  };
}

async function main(): Promise<void> {
  const [userId, urlTemplate] = process.argv.slice(2);
  const baseUrl = process.env["ZITADEL_API_URL"] ?? "http://localhost:3000";
  const token = process.env["ZITADEL_SERVICE_USER_TOKEN"];
  if (!userId || !token) {
    process.stderr.write("usage: ZITADEL_SERVICE_USER_TOKEN=lk_… tsx zitadelSdk.ts <user-id> [url-template]\n");
    process.exit(2);
  }
  try {
    const done = await sendResetLink(createServerTransport(token, { baseUrl }), userId, urlTemplate);
    process.stdout.write(`${JSON.stringify(done)}\n`);
  } catch (err) {
    const e = ConnectError.from(err);
    process.stderr.write(`reset failed: ${Code[e.code]}: ${e.rawMessage}\n`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
