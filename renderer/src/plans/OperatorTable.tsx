import type { Operator } from '@shared/inference/operators';
import { formatBytes, formatFlop, formatSeconds } from '@shared/units';
import { TableWrap } from '../components/layout';

/**
 * Where a step's time goes, operator by operator: the engine's operator records as a table (time
 * per step before overlap, its share of the step, what binds it and where its rates came from).
 * Any operator the engine adds shows up here without touching this component.
 */
export function OperatorTable({ title, ops, stepS }: { title: string; ops: Operator[]; stepS: number }) {
  return (
    <figure className="operator-table" data-testid="operator-table">
      <h3>{title}</h3>
      <TableWrap label={title}>
        <table className="data">
          <thead>
            <tr>
              <th>Operator</th>
              <th>Kind</th>
              <th className="num">Runs / step</th>
              <th className="num">FLOPs / run</th>
              <th className="num">Bytes / run</th>
              <th className="num">Time / step</th>
              <th className="num">Share</th>
              <th>Bound</th>
              <th>Rates from</th>
            </tr>
          </thead>
          <tbody>
            {ops.map((o) => (
              <tr key={o.id} title={o.rates.note || undefined}>
                <td>{o.name}</td>
                <td>{o.kind}</td>
                <td className="num">{o.count}</td>
                <td className="num">{o.flops > 0 ? formatFlop(o.flops) : '—'}</td>
                <td className="num">
                  {o.wire
                    ? `${formatBytes(o.wire.bytes)} on ${o.wire.tier}`
                    : formatBytes(o.bytesRead + o.bytesWritten)}
                </td>
                <td className="num">{formatSeconds(o.totalTime)}</td>
                <td className="num">{stepS > 0 ? `${((o.totalTime / stepS) * 100).toFixed(1)}%` : '—'}</td>
                <td>{o.bound}</td>
                <td>{o.rates.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <figcaption className="muted">
        Time per step before overlap: with dual micro-batch, compute and communication overlap, so shares can sum past
        100%.
      </figcaption>
    </figure>
  );
}
