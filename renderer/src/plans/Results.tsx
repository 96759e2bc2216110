import { ArchitectureResults } from './ArchitectureResults';
import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { presetCatalog } from '@presets/load';
import type { ServingResult } from '@shared/serving/evaluate';
import { kvBytesForSequence } from '@shared/model/kv-cache';
import type { Trace } from '@shared/explain';
import { sweepCsv, type SweepPointView } from '../charts/sweep';
import type { Plan } from '@shared/schema/plan';
import { usePlatform } from '../app/platform-context';
import { slug } from '../charts/export';
import { formatBytes, formatSeconds, GIGA, MILLI, TERA } from '@shared/units';
import { formatMetric, METRICS, missingText } from '@shared/metrics';
import { trainingMetrics } from '@shared/rl/metrics';
import { planMetrics } from '@shared/sizing/metrics';
import { BreakdownChart } from '../charts/BreakdownChart';
import { KvChart } from '../charts/KvChart';
import { MemoryChart } from '../charts/MemoryChart';
import { RooflineChart } from '../charts/RooflineChart';
import { SweepChart } from '../charts/SweepChart';
import { planColor } from '../charts/colors';
import { TraceView } from '../components/TraceView';
import { OperatorTable } from './OperatorTable';
import { UnderLoadCards } from './UnderLoad';
import { bandNote, ServedCards } from './ServedCards';
import type { EvaluateResponse } from '../engine/protocol';
import { RlResults } from './RlResults';
import { PlanWarnings } from './PlanWarnings';

/** TTFT and TPOT at the workload's arrival rate (the serving-loop model), and a burst of every request at once. */
/** Without an arrival rate: the TTFT of the plan's concurrent requests all arriving at once. */
function BurstTtftCard({ r }: { r: ServingResult }) {
  return (
    <div className={`cards${r.memory.fits ? '' : ' refused'}`}>
      <Card
        label="TTFT, all requests at once"
        value={formatSeconds(r.ttftBurstS)}
        sub={`${r.batch} prompts arriving together; the last one's first token`}
        testId="card-ttft-burst"
      />
    </div>
  );
}

/** "Show the math": the explain trace under its heading (the PDF report prints it in an appendix instead). */
const ShowMath = memo(function ShowMath({ trace }: { trace: Trace }) {
  return (
    <>
      <h2>Show the math</h2>
      <div data-testid="show-math">
        <TraceView trace={trace} />
      </div>
    </>
  );
});

function Card({
  label,
  value,
  sub,
  testId,
  title,
}: {
  label: string;
  value: string;
  sub?: string;
  testId?: string;
  title?: string;
}) {
  return (
    <div className="card" data-testid={testId} title={title}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {sub && <div className="sub">{sub}</div>}
    </div>
  );
}

function SweepCsvButton({ plan, sweep }: { plan: Plan; sweep: SweepPointView[] }) {
  const platform = usePlatform();
  return (
    <button
      type="button"
      className="secondary"
      onClick={() =>
        void platform.saveFile(`${slug(plan.name)}-batch-sweep.csv`, sweepCsv(sweep), [
          { name: 'CSV', extensions: ['csv'] },
        ])
      }
    >
      Export batch sweep (CSV)
    </button>
  );
}

export function kvSeries(plan: Plan) {
  const model = plan.model ?? presetCatalog().models.find((m) => m.id === plan.modelId);
  if (!model) return [];
  const pts = [];
  for (let c = 512; c <= Math.min(model.maxContextTokens, 1 << 20); c *= 2)
    pts.push({
      context: c,
      gb: kvBytesForSequence(model, c, plan.kind === 'inference' ? plan.inference.precision.kvCache : 'bf16') / GIGA,
    });
  return pts;
}

/** The inference charts: batch sweep, time by component, memory, roofline (against the device the plan resolved to), KV cache. */
function InferenceCharts({
  plan,
  res,
  kv,
}: {
  plan: Plan;
  res: Extract<EvaluateResponse, { kind: 'inference'; ok: true }>;
  kv: ReturnType<typeof kvSeriesOf>;
}) {
  const r = res.result;
  const color = planColor(plan.id);
  const d = r.decode;
  const m = r.memory;
  return (
    <div className="charts" data-testid="result-charts">
      <SweepChart
        series={[{ id: plan.id, name: plan.name, color, data: res.sweep }]}
        current={{ tpotS: r.tpotS, outputTokensPerSecondPerDevice: r.outputTokensPerSecondPerDevice, batch: r.batch }}
      />
      <BreakdownChart
        title="Time per output token by component"
        parts={['compute', 'memory', 'communication', 'overhead']}
        rows={[
          {
            name: 'decode step',
            compute: d.compute / MILLI,
            memory: d.memory / MILLI,
            communication: d.communication / MILLI,
            overhead: d.overhead / MILLI,
          },
        ]}
      />
      <MemoryChart
        rows={[
          {
            name: plan.name,
            weights: m.weights,
            kvCache: m.kvCache,
            activations: m.activations,
            reserve: m.reserve,
            capacity: m.capacity,
          },
        ]}
      />
      <RooflineChart
        ops={d.ops}
        peakFlops={res.resolved.peakFlopsPerS}
        bandwidth={res.resolved.memoryBandwidthBytesPerS}
      />
      <KvChart series={kv} />
    </div>
  );
}

function TrainingCharts({
  plan,
  r,
}: {
  plan: Plan;
  r: Extract<EvaluateResponse, { kind: 'training'; ok: true }>['result'];
}) {
  const b = r.breakdown;
  const m = r.memory;
  return (
    <div className="charts" data-testid="result-charts">
      <BreakdownChart
        title="Time per step by component"
        parts={['compute', 'bubble', 'communication']}
        rows={[
          {
            name: 'step',
            compute: b.compute / MILLI,
            bubble: b.bubble / MILLI,
            communication: (b.dpComm + b.tpComm + b.epComm + b.ppComm) / MILLI,
          },
        ]}
      />
      <MemoryChart
        rows={[
          {
            name: plan.name,
            weights: m.weights,
            gradients: m.gradients,
            optimizer: m.optimizer,
            kvCache: 0,
            activations: m.activations,
            reserve: m.reserve,
            capacity: m.capacity,
          },
        ]}
      />
    </div>
  );
}

const kvSeriesOf = (plan: Plan) => [{ id: plan.id, name: plan.name, color: planColor(plan.id), data: kvSeries(plan) }];

/** The charts of a result (re-rendered only when the result they draw changes). */
const Charts = memo(function Charts({ plan, res }: { plan: Plan; res: EvaluateResponse | null }) {
  // The KV-cache curve depends on the model and the cache format only: same data, no redraw.
  const kvKey = `${plan.id}|${plan.name}|${plan.modelId}|${plan.model ? JSON.stringify(plan.model) : ''}|${plan.kind === 'inference' ? plan.inference.precision.kvCache : ''}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const kv = useMemo(() => kvSeriesOf(plan), [kvKey]);
  if (!res || !res.ok || res.kind === 'rl') return null; // RL plans draw their own charts (RlResults)
  if (res.kind === 'inference') return <InferenceCharts plan={plan} res={res} kv={kv} />;
  return <TrainingCharts plan={plan} r={res.result} />;
});

/** Charts and the math follow the numbers a frame later, at low priority (a keystroke interrupts them). */
function useDrawnLater(plan: Plan, res: EvaluateResponse | null, print: boolean) {
  const [drawn, setDrawn] = useState({ plan, res });
  useEffect(() => {
    if (print) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setDrawn({ plan, res })), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [plan, res, print]);
  return print ? { plan, res } : drawn;
}

function CannotEvaluate({ res }: { res: Extract<EvaluateResponse, { ok: false }> }) {
  return (
    <div className="error-boundary" role="alert" data-testid="plan-errors">
      <h2>This plan cannot be evaluated yet</h2>
      <ul>
        {(res.issues.length ? res.issues.map((i) => `${i.field}: ${i.message}`) : [res.message]).map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

type InferenceRes = Extract<EvaluateResponse, { kind: 'inference'; ok: true }>;

const PART_NAMES: Record<string, string> = {
  weights: 'the weights',
  kvCache: 'the KV cache',
  activations: 'activations',
};

function InferenceCards({ plan, res }: { plan: Plan; res: InferenceRes }) {
  const r = res.result;
  const m = planMetrics(plan, r);
  const noPrice = `no price (${res.resolved.priceSource})`;
  return (
    <div className={`cards${r.memory.fits ? '' : ' refused'}`} data-refused={r.memory.fits ? undefined : 'true'}>
      <Card
        label="TTFT"
        value={formatMetric('ttft', m.ttft)}
        sub={['time to first token, one prompt', bandNote(r.ttftS, r.bands.prefill)].filter(Boolean).join(' · ')}
        testId="card-ttft"
      />
      <Card
        label="TPOT"
        value={formatMetric('tpot', m.tpot)}
        sub={[`${formatMetric('outputPerUser', m.outputPerUser)} per request`, bandNote(r.tpotS, r.bands.decode)]
          .filter(Boolean)
          .join(' · ')}
        testId="card-tpot"
      />
      <Card
        label="Output throughput per device"
        value={formatMetric('outputPerDevice', m.outputPerDevice)}
        sub={`${formatMetric('outputTotal', m.outputTotal)} in all, at batch ${r.batch.toLocaleString('en-US')}`}
        testId="card-throughput"
      />
      <Card
        label={METRICS.usdPerMOutput.label}
        value={formatMetric('usdPerMOutput', m.usdPerMOutput, noPrice)}
        sub={
          m.usdPerMOutput === null
            ? 'set a price in the plan or the price book'
            : `all ${plan.devices} devices · ${formatMetric('prefillUsdPerMInput', m.prefillUsdPerMInput)} / M input (prefill’s share)`
        }
        title={`${METRICS.usdPerMOutput.formula}. ${METRICS.decodeUsdPerMOutput.label}: ${formatMetric('decodeUsdPerMOutput', m.decodeUsdPerMOutput)}.`}
        testId="card-cost"
      />
      <Card
        label="Memory per device"
        value={r.memory.fits ? 'fits' : 'does not fit'}
        sub={`${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)} · max batch ${r.maxBatch}`}
        testId="card-memory"
      />
      <Card
        label="Energy"
        value={formatMetric('energyPerOutputToken', m.energyPerOutputToken, missingText('energyPerOutputToken'))}
        sub="per output token"
      />
    </div>
  );
}

/**
 * A plan that does not fit: its numbers are shown refused (muted), with what binds and the
 * smallest changes that make it fit, each one click away.
 */
function Refused({ res, onApply }: { res: InferenceRes; onApply?: ((p: Plan) => void) | undefined }) {
  const m = res.result.memory;
  return (
    <div className="refused-note" role="alert" data-testid="plan-refused">
      <strong>Does not fit:</strong> {formatBytes(m.total)} per device of {formatBytes(m.capacity)} (
      {PART_NAMES[m.overflowComponent ?? 'weights']} is the largest part, {formatBytes(m.overflowBytes)} over). The
      numbers above would hold only if it did.
      {res.fit.length > 0 ? (
        <ul>
          {res.fit.map((f) => (
            <li key={f.text}>
              Fits with {f.text}{' '}
              {onApply && (
                <button type="button" className="link" data-testid="apply-fit" onClick={() => onApply(f.plan)}>
                  Apply
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <span> No single change tried (smaller batch, FP8 weights, up to 16× the devices) makes it fit.</span>
      )}
    </div>
  );
}

function InferenceResults(p: {
  plan: Plan;
  res: InferenceRes;
  chart: { plan: Plan; res: EvaluateResponse | null };
  print: boolean;
  onApply?: ((p: Plan) => void) | undefined;
}) {
  const r = p.res.result;
  return (
    <div data-testid="results" aria-busy={p.chart.res !== p.res}>
      <InferenceCards plan={p.plan} res={p.res} />
      {!r.memory.fits && <Refused res={p.res} onApply={p.onApply} />}
      {/* The serving loop times autoregressive steps: a diffusion sampler or a BLT shows its own numbers instead. */}
      {r.diffusion || r.blt ? null : r.underLoad ? (
        <UnderLoadCards
          load={r.underLoad}
          burstTtftS={r.benchmark ? r.benchmark.burst.ttftS.p99 : r.ttftBurstS}
          simulated={r.benchmark?.open ?? null}
        />
      ) : (
        !r.benchmark && <BurstTtftCard r={r} />
      )}
      {!(r.diffusion || r.blt) && <ServedCards r={r} />}
      <p className="binding" data-testid="binding">
        <strong>Binding limit:</strong> {r.bindingText}
      </p>
      <PlanWarnings issues={r.issues} />
      <ArchitectureResults r={r} />
      <div className="toolbar no-print">
        <SweepCsvButton plan={p.plan} sweep={p.res.sweep} />
      </div>
      <Charts plan={p.chart.plan} res={p.chart.res} />
      <OperatorTable
        title={
          r.diffusion
            ? 'Denoising step (typical forward), operator by operator'
            : r.blt
              ? 'Local decoder, one byte, operator by operator'
              : 'Decode step, operator by operator'
        }
        ops={r.decode.ops}
        stepS={r.decode.total}
      />
      {!p.print && p.chart.res?.ok && <ShowMath trace={p.chart.res.result.trace} />}
    </div>
  );
}

function TrainingResults(p: {
  plan: Plan;
  res: Extract<EvaluateResponse, { kind: 'training'; ok: true }>;
  chart: { plan: Plan; res: EvaluateResponse | null };
  print: boolean;
}) {
  const r = p.res.result;
  const m = p.plan.kind === 'training' ? trainingMetrics(p.plan, r) : {};
  const comm = r.breakdown.dpComm + r.breakdown.tpComm + r.breakdown.epComm + r.breakdown.ppComm;
  return (
    <div data-testid="results" aria-busy={p.chart.res !== p.res}>
      <div className={`cards${r.fits ? '' : ' refused'}`} data-refused={r.fits ? undefined : 'true'}>
        <Card
          label="Step time"
          value={formatMetric('stepTime', m.stepTime)}
          sub={`${r.microBatches} micro-batches per replica`}
          testId="card-step"
        />
        <Card
          label="MFU"
          value={formatMetric('mfu', m.mfu)}
          sub={`${(r.tflopsPerDevice / TERA).toFixed(0)} TFLOP/s per device (BF16 peak basis)`}
          testId="card-mfu"
        />
        <Card
          label={METRICS.trainTokensPerSecond.label}
          value={formatMetric('trainTokensPerSecond', m.trainTokensPerSecond)}
          sub={`${(r.tokensPerDay / GIGA).toFixed(1)}B tokens per day`}
        />
        <Card
          label="Time to train"
          value={formatMetric('timeToTrain', m.timeToTrain)}
          sub={`${r.deviceHours.toFixed(0)} device-hours`}
          testId="card-time"
        />
        <Card
          label="Cost to train"
          value={formatMetric('costToTrain', m.costToTrain, `no price (${p.res.resolved.priceSource})`)}
          testId="card-cost"
        />
        <Card
          label="Memory per device"
          value={r.fits ? 'fits' : 'does not fit'}
          sub={`${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)}`}
          testId="card-memory"
        />
      </div>
      <p className="binding" data-testid="binding">
        {r.fits
          ? ''
          : `Does not fit: ${r.overflowComponent} is the largest part; over capacity by ${formatBytes(r.overflowBytes)}. `}
        Step = compute {formatSeconds(r.breakdown.compute)} + bubble {formatSeconds(r.breakdown.bubble)} + exposed
        communication {formatSeconds(comm)}.
      </p>
      <Charts plan={p.chart.plan} res={p.chart.res} />
      {!p.print && p.chart.res?.ok && <ShowMath trace={p.chart.res.result.trace} />}
    </div>
  );
}

function ResultsView({
  plan,
  res,
  print = false,
  onApply,
}: {
  plan: Plan;
  res: EvaluateResponse | null;
  print?: boolean;
  onApply?: ((p: Plan) => void) | undefined;
}) {
  // Numbers first, charts right after: the cards update in the frame that follows the worker's
  // answer, and the charts and the math re-render after that frame is drawn. Print draws at once.
  const chart = useDrawnLater(plan, res, print);
  if (!res)
    return (
      <p className="muted" aria-busy="true" data-testid="evaluating">
        Evaluating…
      </p>
    );
  if (!res.ok) return <CannotEvaluate res={res} />;
  if (res.kind === 'rl')
    return plan.kind === 'rl' ? <RlResults plan={plan} res={res} print={print} onApply={onApply} /> : null;
  if (res.kind === 'inference')
    return <InferenceResults plan={plan} res={res} chart={chart} print={print} onApply={onApply} />;
  return <TrainingResults plan={plan} res={res} chart={chart} print={print} />;
}

/** A plan's results: cards, the binding limit, charts and the math (memoised: typing in the editor does not re-render them). */
export const Results = memo(ResultsView);
