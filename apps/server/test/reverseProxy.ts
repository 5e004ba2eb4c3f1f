// Real reverse proxies in front of real servers: deploy/nginx.conf as shipped, run by Debian's
// nginx (scripts/test.sh installs it) in a temp directory, and the plumbing Caddy shares. Only what
// a test machine cannot have is changed: the ports it listens on (free loopback ports instead of
// 80 and 443), the certificate (instead of certbot's), and the upstream block's instances.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { answerOf, type Answer } from "./fromAddress";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SITE = "latchkey.example.com";

/** scripts/test.sh installs nginx and Caddy; Debian puts nginx in /usr/sbin, outside a normal user's PATH. */
export const binary = (name: string) =>
  ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"].map((d) => join(d, name)).find(existsSync) ?? name;

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1", () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });

/** A file of the repository with some text replaced; a pattern it no longer has fails loudly. */
export function edited(file: string, edits: [RegExp, string][]): string {
  let text = readFileSync(join(ROOT, file), "utf8");
  for (const [from, to] of edits) {
    if (!from.test(text)) throw new Error(`${file} no longer has ${String(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

export interface Certificate {
  cert: string;
  key: string;
  /** The certificate's PEM text, the one CA a client trusts. */
  ca: string;
}

/** A self-signed certificate for SITE, written into `dir`. */
export function certificateFor(dir: string): Certificate {
  const [cert, key] = [join(dir, "cert.pem"), join(dir, "key.pem")];
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"],
      ...["-subj", `/CN=${SITE}`, "-addext", `subjectAltName=DNS:${SITE}`, "-keyout", key, "-out", cert],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return { cert, key, ca: readFileSync(cert, "utf8") };
}

/** deploy/nginx.conf on the given ports and certificate, its upstream block rewritten by `upstream`. */
export function nginxSite(p: { http: number; https: number; certificate: Certificate; upstream: (shipped: string) => string }): string {
  const shipped = /^upstream latchkey \{\n[^}]*\}\n/m;
  const block = shipped.exec(readFileSync(join(ROOT, "deploy/nginx.conf"), "utf8"));
  if (!block) throw new Error(`deploy/nginx.conf no longer has ${String(shipped)}`);
  return edited("deploy/nginx.conf", [
    [/^ *listen \[::\]:.*\n/gm, ""], // a test machine may have no IPv6 loopback
    [/listen 80;/, `listen 127.0.0.1:${p.http};`],
    [/listen 443 ssl http2;/, `listen 127.0.0.1:${p.https} ssl http2;`],
    [/ssl_certificate +\S+;/, `ssl_certificate ${p.certificate.cert};`],
    [/ssl_certificate_key +\S+;/, `ssl_certificate_key ${p.certificate.key};`],
    [shipped, p.upstream(block[0])],
  ]);
}

/**
 * nginx's own settings for a run in `dir`, the site included as /etc/nginx's would be; returns
 * the command that runs it in the foreground.
 */
export function nginxCommand(dir: string, site: string): string[] {
  writeFileSync(join(dir, "latchkey.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${join(dir, k)};`);
  writeFileSync(
    join(dir, "nginx.conf"),
    [
      // As root, nginx's workers would drop to an account that cannot read this 0700 directory.
      ...(process.getuid?.() === 0 ? ["user root;"] : []),
      "daemon off;",
      "worker_processes 1;",
      `pid ${join(dir, "nginx.pid")};`,
      `error_log ${join(dir, "error.log")} warn;`,
      "events { worker_connections 64; }",
      "http {",
      "  access_log off;",
      ...temp,
      `  include ${join(dir, "latchkey.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  return [binary("nginx"), "-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")];
}

/** Runs a proxy's command until its https port accepts; `stop` ends it. */
export async function startProxy(argv: string[], https: number, env: Record<string, string> = {}): Promise<{ stop(): Promise<void> }> {
  let log = "";
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env } as unknown as NodeJS.ProcessEnv,
  });
  child.stdout!.on("data", (d: Buffer) => (log += d.toString("utf8")));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString("utf8")));
  while (!(await accepting(https))) {
    if (child.exitCode !== null) throw new Error(`${argv[0]} exited (${child.exitCode}):\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    async stop() {
      if (child.exitCode !== null) return;
      const closed = new Promise((r) => child.once("close", r));
      child.kill("SIGTERM");
      await closed;
    },
  };
}

/** A request to a proxy's https port from `localAddress`, addressed to SITE by name. */
export function viaProxy(
  p: { https: number; ca: string; localAddress: string },
  path: string,
  opts: { headers?: Record<string, string>; body?: object } = {},
): Promise<Answer> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return answerOf(
    request({
      host: "127.0.0.1",
      port: p.https,
      path,
      method: body === undefined ? "GET" : "POST",
      servername: SITE,
      ca: p.ca,
      localAddress: p.localAddress,
      agent: false,
      headers: { host: SITE, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...opts.headers },
    }),
    body,
  );
}
