/**
 * A plan's latencies under load, when its workload gives an arrival rate (plans opened from the
 * sizing search carry one): TTFT percentiles and TPOT from the serving-loop model, the decode
 * batch that rate sustains and the prefill utilisation — the numbers the search judged it by. Beside
 * them, the same rate through the scheduler's simulation (the Served section's open loop), so a reader
 * sees where the analytic model and the iteration-by-iteration loop part (the model's TTFT tail is the
 * thinner one).
 */
import type { Stats } from '@shared/serving/engine-loop';
import type { UnderLoad } from '@shared/serving/plan-load';
import { formatPercent, formatRate, formatSeconds } from '@shared/units';

/** The scheduler's simulation at the same arrival rate (ServingResult.benchmark.open). */
export interface SimulatedAtRate {
  ttftS: Stats;
  tpotS: Stats;
}

const ms = (x: number): string => (Number.isFinite(x) ? formatSeconds(x) : '—');

function SimulatedNote({ sim }: { sim: SimulatedAtRate }) {
  return (
    <p className="muted" data-testid="load-simulated">
      Simulated at this rate, iteration by iteration: TTFT p50 / p90 / p99 {ms(sim.ttftS.p50)} / {ms(sim.ttftS.p90)} /{' '}
      {ms(sim.ttftS.p99)}; TPOT {ms(sim.tpotS.mean)}. The cards above are the analytic model the sizing search judges
      plans by; where the two part, the simulation is the closer to an engine.
    </p>
  );
}

export function UnderLoadCards({
  load,
  burstTtftS,
  simulated = null,
}: {
  load: UnderLoad;
  burstTtftS: number;
  simulated?: SimulatedAtRate | null;
}) {
  return (
    <section className="under-load" data-testid="under-load">
      <h3>
        Under load: {formatRate(load.arrivalRatePerSecond, 'requests/s')}{' '}
        <span className="unit">
          (serving-loop model; at most {formatRate(load.maxArrivalRatePerSecond, 'requests/s')} within memory)
        </span>
      </h3>
      {!load.sustainable && (
        <p className="error" role="alert">
          This rate is more than the plan sustains: queues grow without bound.
        </p>
      )}
      <div className="cards">
        <div className="card" data-testid="load-ttft">
          <div className="label">TTFT p50 / p90 / p99</div>
          <div className="value">
            <span data-testid="load-ttft-p50">{ms(load.ttftS.p50)}</span> /{' '}
            <span data-testid="load-ttft-p90">{ms(load.ttftS.p90)}</span> /{' '}
            <span data-testid="load-ttft-p99">{ms(load.ttftS.p99)}</span>
          </div>
          <div className="sub">queueing and prefill at this rate</div>
        </div>
        <div className="card" data-testid="load-tpot">
          <div className="label">TPOT under load</div>
          <div className="value">{ms(load.tpotS)}</div>
          <div className="sub">mean per request</div>
        </div>
        <div className="card" data-testid="load-batch">
          <div className="label">Decode batch</div>
          <div className="value">{load.batch.toFixed(1)}</div>
          <div className="sub">sequences, time average</div>
        </div>
        <div className="card" data-testid="load-utilisation">
          <div className="label">Prefill utilisation</div>
          <div className="value">{formatPercent(load.prefillUtilization, 0)}</div>
          <div className="sub">burst of the plan&apos;s concurrent requests: TTFT {ms(burstTtftS)}</div>
        </div>
      </div>
      {simulated && <SimulatedNote sim={simulated} />}
    </section>
  );
}
