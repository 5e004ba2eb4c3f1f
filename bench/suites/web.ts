import type { Suite } from "./suite";
export const webSuite: Suite = async () => ({ title: "5. Web", markdown: "todo", goals: [] });
