/** Small SVG charts: no chart library needed for bars and a donut, and they print well. */
export interface Bar { label: string; value: number; tone?: 'ok' | 'warn' | 'bad' | 'info' }

export function BarChart({ bars, title, unit = '' }: { bars: Bar[]; title: string; unit?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = 22 * bars.length + 10;
  return (
    <figure className="chart">
      <svg role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}${unit}`).join(', ')}`} viewBox={`0 0 320 ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * 22 + 5})`}>
            <text x="0" y="13" className="chart-label">{b.label}</text>
            <rect x="120" y="2" height="14" width={(170 * b.value) / max} className={`bar-${b.tone ?? 'info'}`} />
            <text x={124 + (170 * b.value) / max} y="13" className="chart-value">{b.value}{unit}</text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
