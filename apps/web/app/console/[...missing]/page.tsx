import { notFound } from "next/navigation";
import { titled } from "~/lib/server";

export const generateMetadata = () => titled("notFound.title");

/** Any other address under /console: the console's own not-found page, inside its frame. */
export default function UnknownConsolePage() {
  notFound();
}
