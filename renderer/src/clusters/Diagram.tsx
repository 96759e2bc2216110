import { layoutCluster } from '@shared/cluster/diagram';
import type { ClusterReport } from '@shared/cluster/compute';

const FILL: Record<string, string> = {
  core: '#9c36b5',
  spine: '#2f6fdb',
  leaf: '#0c8599',
  rack: '#2b8a3e',
  'network-rack': '#868e96',
};

/** The cluster drawn as SVG: switch tiers of one plane above the racks; big rows drawn as groups with counts. */
export function ClusterDiagram({ report, compact = false }: { report: ClusterReport; compact?: boolean }) {
  const d = compact ? layoutCluster(report, 8, 640) : layoutCluster(report);
  return (
    <figure className="chart-box cluster-diagram" data-testid="cluster-diagram">
      <svg
        viewBox={`0 0 ${d.width} ${d.height}`}
        width="100%"
        role="img"
        aria-label={`Diagram of ${d.title}`}
        style={{ maxWidth: d.width }}
      >
        <text x={20} y={26} fontSize={14} fontWeight={600} fill="currentColor">
          {d.title}
        </text>
        {d.lines.map((l, i) => (
          <line key={i} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke="#adb5bd" strokeWidth={0.7} />
        ))}
        {d.boxes.map((b) => (
          <g key={b.id} data-kind={b.kind} data-count={b.count}>
            {b.count > 1 && (
              <rect x={b.x + 3} y={b.y - 3} width={b.w} height={b.h} rx={4} fill={FILL[b.kind]} opacity={0.35} />
            )}
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={4} fill={FILL[b.kind]} />
            <text x={b.x + b.w / 2} y={b.y + 14} fontSize={11} textAnchor="middle" fill="#fff" fontWeight={600}>
              {b.label}
            </text>
            <text x={b.x + b.w / 2} y={b.y + 27} fontSize={9} textAnchor="middle" fill="#fff">
              {b.sub}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="legend">
          {d.legend.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
