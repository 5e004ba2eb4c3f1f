"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { Lang } from "~/lib/i18n";
import { UntypedContext } from "~/lib/pending";
import { makeTrpcClient, makeUntypedClient, TRPCProvider } from "~/lib/trpc";
import { LangContext } from "~/lib/useT";

export function Providers({ lang, children }: { lang: Lang; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } } }),
  );
  const [trpcClient] = useState(makeTrpcClient);
  const [untyped] = useState(makeUntypedClient);
  return (
    <LangContext.Provider value={lang}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <UntypedContext.Provider value={untyped}>{children}</UntypedContext.Provider>
        </TRPCProvider>
      </QueryClientProvider>
    </LangContext.Provider>
  );
}
