// What /readyz reports: can this process serve requests? The database answers and carries the
// schema this version expects, and the delivery worker that sends codes is running. Cheap (two
// small reads), so load balancers may ask every second.
import type { Services } from "../services";
import { deliveryWorkerState } from "./delivery/startDeliveryWorker";

export interface Readiness {
  ready: boolean;
  checks: {
    database: "ok" | "unreachable";
    /** current, or why not: behind (migrations pending), ahead (a newer version's), empty, unknown (unreadable). */
    schema: "current" | "behind" | "ahead" | "empty" | "unknown";
    delivery: "running" | "stopped";
  };
}

export async function checkReadiness(services: Services): Promise<Readiness> {
  let database: Readiness["checks"]["database"] = "ok";
  let schema: Readiness["checks"]["schema"] = "unknown";
  try {
    schema = (await services.database.schemaStatus()).state;
  } catch {
    database = "unreachable";
  }
  const delivery = deliveryWorkerState(services).running ? "running" : "stopped";
  return { ready: database === "ok" && schema === "current" && delivery === "running", checks: { database, schema, delivery } };
}
