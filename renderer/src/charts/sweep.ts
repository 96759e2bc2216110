/**
 * How the batch sweep is drawn, as pure data (unit-tested): the points that fit in memory and
 * those that do not (drawn dashed, so an unreachable batch never looks like an operating point),
 * and where the engine's regime changes along the sweep. The engine may mark each point with
 * `dualMicroBatch` (whether dual micro-batch overlap was applied there, because it only helps
 * once each rank holds enough sequences) and `regime` (a short name of what binds); both are
 * optional, and a sweep without them draws as one plain line.
 */
import type { SweepPoint } from '@shared/inference/batch-sweep';
import { formatSeconds, formatTick } from '@shared/units';

/** A sweep point with the optional regime fields the engine may add. */
export type SweepPointView = Omit<SweepPoint, 'dualMicroBatch'> & { dualMicroBatch?: boolean; regime?: string };

export interface RegimeSwitch {
  /** The first point of the new regime. */
  at: SweepPointView;
  /** What changed, for the chart label and the tooltip: "dual micro-batch on", "memory-bound → compute-bound". */
  label: string;
}

export interface SweepLayout {
  fitting: SweepPointView[];
  /** Points past the memory capacity, starting with the last fitting one so the dashed part joins the line. */
  overflow: SweepPointView[];
  switches: RegimeSwitch[];
  /** Whether any point says if dual micro-batch was applied (the legend explains the markers then). */
  hasDualMicroBatch: boolean;
  hasRegime: boolean;
}

export function layoutSweep(points: SweepPointView[]): SweepLayout {
  const firstMiss = points.findIndex((p) => !p.fits);
  const fitting = firstMiss < 0 ? points : points.slice(0, firstMiss);
  const overflow = firstMiss < 0 ? [] : points.slice(Math.max(0, firstMiss - 1));
  const switches: RegimeSwitch[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const parts: string[] = [];
    if (a.dualMicroBatch !== undefined && b.dualMicroBatch !== undefined && a.dualMicroBatch !== b.dualMicroBatch)
      parts.push(b.dualMicroBatch ? 'dual micro-batch on' : 'dual micro-batch off');
    if (a.regime !== undefined && b.regime !== undefined && a.regime !== b.regime)
      parts.push(`${a.regime} → ${b.regime}`);
    if (parts.length) switches.push({ at: b, label: parts.join('; ') });
  }
  return {
    fitting,
    overflow,
    switches,
    hasDualMicroBatch: points.some((p) => p.dualMicroBatch !== undefined),
    hasRegime: points.some((p) => p.regime !== undefined),
  };
}

/** The rows of a sweep point's tooltip: the configuration behind the point, units in the names. */
export function sweepPointRows(p: SweepPointView): Array<[string, string]> {
  const f = formatTick;
  const rows: Array<[string, string]> = [
    ['batch (sequences in flight)', p.batch.toLocaleString('en-US')],
    ['TPOT', formatSeconds(p.tpotS)],
    ['output tokens/s per device', f(p.outputTokensPerSecondPerDevice)],
    ['output tokens/s per request', f(p.outputTokensPerSecondPerRequest)],
    ['output tokens/s, deployment', Math.round(p.outputTokensPerSecond).toLocaleString('en-US')],
    ['fits in memory', p.fits ? 'yes' : 'no'],
  ];
  if (p.dualMicroBatch !== undefined) rows.push(['dual micro-batch', p.dualMicroBatch ? 'applied' : 'not applied']);
  if (p.regime !== undefined) rows.push(['regime', p.regime]);
  return rows;
}

/** The batch sweep as CSV, units in the header; the engine's regime columns when it gives them. */
export function sweepCsv(points: SweepPointView[]): string {
  const dmb = points.some((p) => p.dualMicroBatch !== undefined);
  const regime = points.some((p) => p.regime !== undefined);
  const head =
    'batch (sequences),TPOT (ms),output tokens/s per request,output tokens/s per device,output tokens/s (deployment),fits in memory' +
    (dmb ? ',dual micro-batch applied' : '') +
    (regime ? ',regime' : '');
  return (
    [
      head,
      ...points.map((p) =>
        [
          p.batch,
          p.tpotS * 1e3,
          p.outputTokensPerSecondPerRequest,
          p.outputTokensPerSecondPerDevice,
          p.outputTokensPerSecond,
          p.fits,
          ...(dmb ? [p.dualMicroBatch ?? ''] : []),
          ...(regime ? [JSON.stringify(p.regime ?? '')] : []),
        ].join(','),
      ),
    ].join('\n') + '\n'
  );
}
