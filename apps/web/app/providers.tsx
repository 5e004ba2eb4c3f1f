"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { Lang } from "~/lib/i18n";
import { makeTrpcClient, TRPCProvider } from "~/lib/trpc";
import { LangContext } from "~/lib/useT";

export function Providers({ lang, children }: { lang: Lang; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } } }),
  );
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <LangContext.Provider value={lang}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </LangContext.Provider>
  );
}
