"use client";
// Swagger UI from npm (swagger-ui-dist), served from our own origin: no CDN, no remote fonts.
// Its prebuilt bundle (own React and swagger-client inside) is imported on mount, so it is a
// chunk of this page alone. swagger-ui-react is not used: Turbopack drops apidom's side-effect
// registrations when it re-bundles swagger-client ("refract is not a function", next.js#86507).
import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./swagger-overrides.css";
import { useT } from "~/lib/useT";

export function ApiReference() {
  const t = useT();
  const node = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    // Swagger UI's server picker is a <select> without a label; it gets a name whenever it is drawn.
    const named = new MutationObserver(() => {
      const servers = node.current?.querySelector("select#servers");
      if (servers && !servers.hasAttribute("aria-label")) servers.setAttribute("aria-label", t("docs.servers"));
    });
    if (node.current) named.observe(node.current, { childList: true, subtree: true });
    void import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUI }) => {
      if (!live || !node.current) return;
      SwaggerUI({
        domNode: node.current,
        url: "/openapi.json",
        docExpansion: "list",
        defaultModelsExpandDepth: 0,
        // No call to the public validator.swagger.io badge; no config from the address bar.
        validatorUrl: null,
        queryConfigEnabled: false,
        onComplete: () => setReady(true),
      });
    });
    return () => {
      live = false;
      named.disconnect();
    };
    // t changes with the language, which reloads the page.
  }, []);
  return (
    <>
      {ready ? null : <p role="status">{t("common.loading")}</p>}
      {/* Swagger UI owns this node: React never renders children into it. */}
      <div ref={node} />
    </>
  );
}
