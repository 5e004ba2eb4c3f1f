import type { ReactNode } from "react";
import "./globals.css";
import { getLang } from "~/lib/server";
import { Providers } from "./providers";

export const metadata = { title: { template: "%s · Latchkey", default: "Latchkey" } };
export const viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await getLang();
  return (
    <html lang={lang}>
      <body>
        <Providers lang={lang}>{children}</Providers>
      </body>
    </html>
  );
}
