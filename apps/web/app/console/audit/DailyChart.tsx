"use client";
import { useT } from "~/lib/useT";

/** Events per day as stacked SVG bars (successes below, failures on top). */
export function DailyChart({ days }: { days: { date: string; success: number; failure: number; total: number }[] }) {
  const t = useT();
  const w = 640;
  const h = 140;
  const pad = 20;
  const max = Math.max(1, ...days.map((d) => d.total));
  const bw = (w - pad * 2) / Math.max(1, days.length);
  const y = (n: number) => ((h - pad * 2) * n) / max;
  const total = days.reduce((s, d) => s + d.total, 0);
  return (
    <figure className="card">
      <figcaption>
        <h2>{t("audit.chart")}</h2>
      </figcaption>
      <svg className="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${t("audit.chart")}: ${total}`}>
        <line x1={pad} x2={w - pad} y1={h - pad} y2={h - pad} stroke="#9aa3ad" />
        {days.map((d, i) => {
          const x = pad + i * bw + 1;
          const hs = y(d.success);
          const hf = y(d.failure);
          return (
            <g key={d.date}>
              <title>{`${d.date}: ${d.success} ${t("audit.success")}, ${d.failure} ${t("audit.failure")}`}</title>
              <rect x={x} width={Math.max(1, bw - 2)} y={h - pad - hs} height={hs} fill="#2e7d4f" />
              <rect x={x} width={Math.max(1, bw - 2)} y={h - pad - hs - hf} height={hf} fill="#c0392b" />
            </g>
          );
        })}
        <text x={pad} y={12} fontSize="11" fill="#5b6470">
          {max}
        </text>
        <text x={pad} y={h - 4} fontSize="11" fill="#5b6470">
          {days[0]?.date}
        </text>
        <text x={w - pad} y={h - 4} fontSize="11" fill="#5b6470" textAnchor="end">
          {days[days.length - 1]?.date}
        </text>
      </svg>
    </figure>
  );
}
