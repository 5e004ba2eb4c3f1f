// Preloaded into the servers the bench starts (`node --import …/loopDelayProbe.mjs`): every
// 250 ms it writes the longest event-loop delay of that window to stderr, which goes to the
// server's log file. The bench reads the lines of a run's window (servers.ts `stallMs`), so a
// table can show how long the longest stall of the event loop was, for Latchkey and the baseline
// alike. Not part of the product: `pnpm start` never loads it.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setInterval } from "node:timers";

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
setInterval(() => {
  process.stderr.write(`LOOPDELAY ${Date.now()} ${(histogram.max / 1e6).toFixed(2)}\n`);
  histogram.reset();
}, 250).unref();
