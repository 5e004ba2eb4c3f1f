// The background loop of the server: drain due messages, sleep, repeat. Stopping waits for the
// batch in flight, so the database is not closed under a half-recorded delivery.
import type { Services } from "../../services";
import { BATCH_SIZE, deliverDueMessages } from "./deliverDueMessages";
import { closeProviders } from "./providers";

export interface DeliveryWorkerOptions {
  /** Pause between polls when the outbox is drained. */
  intervalMs?: number;
}

export interface DeliveryWorkerState {
  running: boolean;
  /** When the last pass over the outbox ended (ms), null before the first. */
  lastPassAt: number | null;
}

const states = new WeakMap<Services, DeliveryWorkerState>();

/** Whether this process runs a delivery worker for these services (readiness). */
export function deliveryWorkerState(services: Services): DeliveryWorkerState {
  return states.get(services) ?? { running: false, lastPassAt: null };
}

export function startDeliveryWorker(services: Services, opts: DeliveryWorkerOptions = {}): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? 1000;
  const state: DeliveryWorkerState = { running: true, lastPassAt: null };
  states.set(services, state);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | null = null;

  const drain = async () => {
    try {
      // A full batch means more may be due: go again at once.
      while (!stopped && (await deliverDueMessages(services)).claimed >= BATCH_SIZE);
    } catch (err) {
      // Database trouble, not a provider failure (those are recorded per message); say what, not the data.
      services.log.error("delivery.worker_error", { error: (err as Error)?.name ?? "Error", code: (err as { code?: string })?.code });
    }
  };
  const tick = async () => {
    inFlight = drain().finally(() => {
      inFlight = null;
      state.lastPassAt = services.clock.now();
      if (!stopped) schedule();
    });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();

  return async () => {
    stopped = true;
    state.running = false;
    if (timer) clearTimeout(timer);
    await inFlight;
    closeProviders(services);
  };
}
