/**
 * "Simulate": the discrete-event simulation of one copy's serving loop at its arrival rate
 * (shared/sizing/simulate-plan.ts, in a worker), beside the analytical queueing model.
 */
import { useEffect, useRef, useState } from 'react';
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { InferencePlan } from '@shared/schema/plan';
import type { SimulationCheck } from '@shared/serving/simulate-plan';
import type { UserCatalogData } from '../engine/protocol';
import { simulateInWorker } from '../engine/search-pool';
import { formatRate, formatSeconds, formatSig } from '@shared/units';

export const SIM_REQUESTS = 20_000;

type State =
  | { kind: 'idle' }
  | { kind: 'running'; label: string; cancel: () => void }
  | { kind: 'done'; label: string; check: SimulationCheck | null; ms: number }
  | { kind: 'error'; label: string; message: string };

export function SimulatePanel({
  target,
  user,
  calibrations,
}: {
  /** What to simulate: the best, or the configuration selected first. */
  target: { label: string; plan: () => InferencePlan | null } | null;
  user: UserCatalogData;
  calibrations: CalibrationProfile[];
}) {
  const [st, setSt] = useState<State>({ kind: 'idle' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const run = (): void => {
    const plan = target?.plan();
    if (!target || !plan) return;
    const job = simulateInWorker(plan, user, calibrations, { requests: SIM_REQUESTS, seed: 1 });
    setSt({ kind: 'running', label: target.label, cancel: job.cancel });
    job.result.then(
      (r) => live.current && setSt({ kind: 'done', label: target.label, check: r.check, ms: r.ms }),
      (e: Error) =>
        live.current &&
        setSt(
          e.message === 'cancelled' ? { kind: 'idle' } : { kind: 'error', label: target.label, message: e.message },
        ),
    );
  };
  return (
    <section className="simulate" data-testid="simulate">
      <h2>Check by simulation</h2>
      <div className="toolbar">
        <button type="button" className="secondary" disabled={!target || st.kind === 'running'} onClick={run}>
          Simulate {target ? target.label : ''}
        </button>
        {st.kind === 'running' && (
          <>
            <span className="muted">Simulating {SIM_REQUESTS.toLocaleString('en-US')} requests…</span>
            <button type="button" className="link" onClick={st.cancel}>
              Cancel
            </button>
          </>
        )}
      </div>
      <p className="muted">
        A seeded discrete-event simulation of one copy&apos;s serving loop (continuous batching, prefill first, Poisson
        arrivals, the spec&apos;s length distributions) with the engine&apos;s step times, against the queueing model
        the search uses.
      </p>
      {st.kind === 'error' && (
        <p className="error" role="alert">
          {st.label}: {st.message}
        </p>
      )}
      {st.kind === 'done' &&
        (st.check ? (
          <SimulateTable label={st.label} check={st.check} ms={st.ms} />
        ) : (
          <p className="muted">This plan has no arrival rate to simulate.</p>
        ))}
    </section>
  );
}

/** The simulated metrics beside the analytical ones, with their difference. */
/** A row's value for people: times (the engine's seconds) as ms or s, counts with their unit. */
const shown = (v: number, unit: string): string =>
  !Number.isFinite(v) ? '—' : unit === 's' ? formatSeconds(v) : `${formatSig(v, 4)} ${unit}`;

function SimulateTable({ label, check, ms }: { label: string; check: SimulationCheck; ms: number }) {
  return (
    <table className="data" data-testid="simulate-table">
      <caption>
        {label}: {check.requests.toLocaleString('en-US')} requests at{' '}
        {formatRate(check.arrivalRatePerSecond, 'requests/s')} ({(ms / 1000).toFixed(2)} s)
      </caption>
      <thead>
        <tr>
          <th>Metric</th>
          <th className="num">Analytical</th>
          <th className="num">Simulated</th>
          <th className="num">Difference</th>
        </tr>
      </thead>
      <tbody>
        {check.rows.map((r) => (
          <tr key={r.metric}>
            <td>{r.metric}</td>
            <td className="num">{shown(r.analytical, r.unit)}</td>
            <td className="num">{shown(r.simulated, r.unit)}</td>
            <td className="num">
              {Number.isFinite(r.analytical) && r.analytical !== 0
                ? `${(((r.simulated - r.analytical) / r.analytical) * 100).toFixed(1)}%`
                : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
