/**
 * The plan served as a benchmark measures it (the engine's serving loop, shared/serving/benchmark.ts):
 * a closed loop at the plan's concurrency, a burst of all its prompts at once, and Poisson
 * arrivals at the workload's rate when it gives one. The CLI's `infer` prints the same numbers.
 */
import type { Banded } from '@shared/serving/bands';
import { bandRange } from '@shared/serving/bands';
import type { ServingResult } from '@shared/serving/evaluate';
import { formatRate, formatSeconds } from '@shared/units';

/** "80% band 7.1 ms – 9.8 ms", or '' where the engine has no band for this number. */
export function bandNote(seconds: number, b: Banded): string {
  const r = bandRange(seconds, b.band);
  return r ? `80% band ${formatSeconds(r.lo)} – ${formatSeconds(r.hi)}` : '';
}

const join = (...parts: string[]): string => parts.filter(Boolean).join(' · ');

function Served({ label, value, sub, testId }: { label: string; value: string; sub: string; testId: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="sub">{sub}</div>
    </div>
  );
}

export function ServedCards({ r }: { r: ServingResult }) {
  const b = r.benchmark;
  if (!b) return null;
  const c = b.closed;
  const s = formatSeconds;
  return (
    <section className="served" data-testid="served">
      <h3>
        Served: closed loop of {c.concurrency.toLocaleString('en-US')}{' '}
        <span className="unit">({c.requests.toLocaleString('en-US')} requests, as a serving benchmark runs them)</span>
      </h3>
      {b.overCapacity && (
        <p className="muted">
          {c.concurrency.toLocaleString('en-US')} concurrent requests exceed what the KV cache holds (
          {b.capacityPerReplica.toLocaleString('en-US')} per replica): the rest queue, as engines run them.
        </p>
      )}
      <div className="cards">
        <Served
          label="Served TTFT, mean"
          value={s(c.ttftS.mean)}
          sub={join(
            `p50 ${s(c.ttftS.p50)}, p90 ${s(c.ttftS.p90)}, p99 ${s(c.ttftS.p99)}`,
            bandNote(c.ttftS.mean, r.bands.servedTtft),
          )}
          testId="card-served-ttft"
        />
        <Served
          label="Served TPOT, mean"
          value={s(c.tpotS.mean)}
          sub={join(`p90 ${s(c.tpotS.p90)}`, bandNote(c.tpotS.mean, r.bands.decode))}
          testId="card-served-tpot"
        />
        <Served
          label="End-to-end latency, mean"
          value={s(c.e2eS.mean)}
          sub={`p90 ${s(c.e2eS.p90)}`}
          testId="card-served-e2e"
        />
        <Served
          label={`TTFT, ${c.concurrency.toLocaleString('en-US')} ${c.concurrency === 1 ? 'prompt' : 'prompts'} at once`}
          value={s(b.burst.ttftS.p99)}
          sub={`the last one's first token; mean ${s(b.burst.ttftS.mean)}`}
          testId="card-ttft-burst"
        />
        {b.open && (
          <Served
            label={`Served at ${formatRate(b.open.ratePerSecond, 'requests/s')}`}
            value={s(b.open.ttftS.mean)}
            sub={`TTFT mean (p99 ${s(b.open.ttftS.p99)}); TPOT ${s(b.open.tpotS.mean)}; Poisson arrivals`}
            testId="card-served-open"
          />
        )}
      </div>
    </section>
  );
}
