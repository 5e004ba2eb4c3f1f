// A progress bar on stderr (stdout carries only the JSON). On a terminal it redraws in place;
// otherwise it prints a line every 10% so CI logs stay short.
import type { Io } from "../command";

export interface Progress {
  update(done: number): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(io: Io, label: string, total: number): Progress {
  let lastStep = 0;
  let finished = false;
  const draw = (done: number) => {
    const ratio = total === 0 ? 1 : done / total;
    const pct = Math.floor(ratio * 100);
    if (io.stderrIsTty) {
      const filled = Math.round(ratio * WIDTH);
      io.stderr(`\r${label.padEnd(13)} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`);
    } else if (Math.floor(pct / 10) > lastStep) {
      lastStep = Math.floor(pct / 10);
      io.stderr(`${label}: ${done}/${total} (${pct}%)\n`);
    }
  };
  return {
    update: draw,
    done() {
      if (finished) return;
      finished = true;
      draw(total);
      if (io.stderrIsTty) io.stderr("\n");
    },
  };
}
