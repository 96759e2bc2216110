import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { presetCatalog } from '@presets/load';
import { effectivePeak } from '@shared/inference/family';
import type { ServingResult } from '@shared/serving/evaluate';
import { kvBytesForSequence } from '@shared/model/kv-cache';
import type { Trace } from '@shared/explain';
import { sweepCsv, type SweepPointView } from '../charts/sweep';
import type { Plan } from '@shared/schema/plan';
import { usePlatform } from '../app/platform-context';
import { slug } from '../charts/export';
import { formatBytes, formatPercent, formatSeconds, formatUsd, GIGA, MILLI, TERA } from '@shared/units';
import { BreakdownChart, KvChart, MemoryChart, RooflineChart, SweepChart } from '../charts/Charts';
import { planColor } from '../charts/colors';
import { TraceView } from '../components/TraceView';
import { OperatorTable } from './OperatorTable';
import { UnderLoadCards } from './UnderLoad';
import type { EvaluateResponse } from '../engine/protocol';
import { RlResults } from './RlResults';
import { PlanWarnings } from './PlanWarnings';
import { ArchitectureResults } from './ArchitectureResults';

/** TTFT and TPOT at the workload's arrival rate (the serving-loop model), and a burst of every request at once. */
/** Without an arrival rate: the TTFT of the plan's concurrent requests all arriving at once. */
function BurstTtftCard({ r }: { r: ServingResult }) {
  return (
    <div className="cards">
      <Card
        label="TTFT, all requests at once"
        value={formatSeconds(r.ttftBurstMs * MILLI)}
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

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="card" data-testid={testId}>
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

/** The charts of a result (re-rendered only when the result they draw changes). */
const Charts = memo(function Charts({ plan, res }: { plan: Plan; res: EvaluateResponse | null }) {
  const color = planColor(plan.id);
  // The KV-cache curve depends on the model and the cache format only: same data, no redraw.
  const kvKey = `${plan.id}|${plan.name}|${plan.modelId}|${plan.model ? JSON.stringify(plan.model) : ''}|${plan.kind === 'inference' ? plan.inference.precision.kvCache : ''}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const kv = useMemo(() => [{ id: plan.id, name: plan.name, color, data: kvSeries(plan) }], [kvKey]);
  if (!res || !res.ok) return null;
  if (res.kind === 'inference') {
    const r = res.result;
    const sys = presetCatalog().systems.find((s) => s.id === plan.systemId);
    const acc = sys && presetCatalog().accelerators.find((a) => a.id === sys.acceleratorId);
    const peak = acc
      ? effectivePeak(acc, plan.kind === 'inference' ? (plan.inference.precision.compute as 'bf16') : 'bf16').flops
      : 0;
    const bw = acc?.memoryBandwidthBytesPerS.value ?? 0;
    return (
      <div className="charts" data-testid="result-charts">
        <SweepChart
          series={[{ id: plan.id, name: plan.name, color, data: res.sweep }]}
          current={{
            tpotMs: r.tpotMs,
            outputTokensPerSecondPerDevice: r.outputTokensPerSecondPerDevice,
            batch: r.batch,
          }}
        />
        <BreakdownChart
          title="Time per output token by component"
          parts={['compute', 'memory', 'communication', 'overhead']}
          rows={[
            {
              name: 'decode step',
              compute: r.decode.compute / MILLI,
              memory: r.decode.memory / MILLI,
              communication: r.decode.communication / MILLI,
              overhead: r.decode.overhead / MILLI,
            },
          ]}
        />
        <MemoryChart
          rows={[
            {
              name: plan.name,
              weights: r.memory.weights,
              kvCache: r.memory.kvCache,
              activations: r.memory.activations,
              reserve: r.memory.reserve,
              capacity: r.memory.capacity,
            },
          ]}
        />
        <RooflineChart ops={r.decode.ops} peakFlops={peak} bandwidth={bw} />
        <KvChart series={kv} />
      </div>
    );
  }
  if (res.kind === 'rl') return null; // RL plans draw their own charts (RlResults)
  const r = res.result;
  return (
    <div className="charts" data-testid="result-charts">
      <BreakdownChart
        title="Time per step by component"
        parts={['compute', 'bubble', 'communication']}
        rows={[
          {
            name: 'step',
            compute: r.breakdown.compute / MILLI,
            bubble: r.breakdown.bubble / MILLI,
            communication: (r.breakdown.dpComm + r.breakdown.tpComm + r.breakdown.epComm + r.breakdown.ppComm) / MILLI,
          },
        ]}
      />
      <MemoryChart
        rows={[
          {
            name: plan.name,
            weights: r.memory.weights,
            gradients: r.memory.gradients,
            optimizer: r.memory.optimizer,
            kvCache: 0,
            activations: r.memory.activations,
            reserve: r.memory.reserve,
            capacity: r.memory.capacity,
          },
        ]}
      />
    </div>
  );
});

function ResultsView({ plan, res, print = false }: { plan: Plan; res: EvaluateResponse | null; print?: boolean }) {
  // Numbers first, charts right after: the cards update in the frame that follows the worker's
  // answer, and the charts and the math re-render after that frame is drawn, at low priority (a
  // keystroke interrupts them), so neither typing nor the numbers wait for recharts. Print draws at once.
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
  const chartPlan = print ? plan : drawn.plan;
  const chartRes = print ? res : drawn.res;
  if (!res)
    return (
      <p className="muted" aria-busy="true" data-testid="evaluating">
        Evaluating…
      </p>
    );
  if (!res.ok)
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
  if (res.kind === 'rl') return plan.kind === 'rl' ? <RlResults plan={plan} res={res} print={print} /> : null;
  if (res.kind === 'inference') {
    const r = res.result;
    return (
      <div data-testid="results" aria-busy={chartRes !== res}>
        <div className="cards">
          <Card
            label="TTFT"
            value={formatSeconds(r.ttftMs * MILLI)}
            sub="time to first token, one prompt"
            testId="card-ttft"
          />
          <Card
            label="TPOT"
            value={formatSeconds(r.tpotMs * MILLI)}
            sub={`${r.outputTokensPerSecondPerRequest.toFixed(1)} tokens/s per request`}
            testId="card-tpot"
          />
          <Card
            label="Throughput"
            value={`${r.outputTokensPerSecondPerDevice.toFixed(1)} tok/s`}
            sub={`per device · ${r.outputTokensPerSecond.toFixed(0)} tok/s in all`}
            testId="card-throughput"
          />
          <Card
            label="$ / M output tokens"
            value={
              r.costPerMillionOutputTokensUSD === null ? 'set a price' : formatUsd(r.costPerMillionOutputTokensUSD)
            }
            sub={
              r.costPerMillionInputTokensUSD === null ? '' : `${formatUsd(r.costPerMillionInputTokensUSD)} / M input`
            }
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
            value={r.energyPerOutputTokenJ === null ? 'unknown' : `${r.energyPerOutputTokenJ.toFixed(2)} J`}
            sub="per output token"
          />
        </div>
        {/* The serving loop times autoregressive steps: a diffusion sampler or a BLT shows its own numbers instead. */}
        {r.diffusion || r.blt ? null : r.underLoad ? (
          <UnderLoadCards load={r.underLoad} burstTtftMs={r.ttftBurstMs} />
        ) : (
          <BurstTtftCard r={r} />
        )}
        <p className="binding" data-testid="binding">
          <strong>Binding limit:</strong> {r.bindingText}
          {!r.memory.fits &&
            ` Memory: ${r.memory.overflowComponent} is the largest part; the plan is over capacity by ${formatBytes(r.memory.overflowBytes)}.`}
        </p>
        <PlanWarnings issues={r.issues} />
        <ArchitectureResults r={r} />
        <div className="toolbar no-print">
          <SweepCsvButton plan={plan} sweep={res.sweep} />
        </div>
        <Charts plan={chartPlan} res={chartRes} />
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
        {!print && chartRes?.ok && <ShowMath trace={chartRes.result.trace} />}
      </div>
    );
  }
  const r = res.result;
  return (
    <div data-testid="results" aria-busy={chartRes !== res}>
      <div className="cards">
        <Card
          label="Step time"
          value={formatSeconds(r.stepTimeS)}
          sub={`${r.microBatches} micro-batches per replica`}
          testId="card-step"
        />
        <Card
          label="MFU"
          value={formatPercent(r.mfu)}
          sub={`${(r.tflopsPerDevice / TERA).toFixed(0)} TFLOP/s per device (BF16 peak basis)`}
          testId="card-mfu"
        />
        <Card
          label="Tokens/s"
          value={r.tokensPerSecond.toFixed(0)}
          sub={`${(r.tokensPerDay / GIGA).toFixed(1)}B tokens per day`}
        />
        <Card
          label="Time to train"
          value={formatSeconds(r.timeToTrainS)}
          sub={`${r.deviceHours.toFixed(0)} device-hours`}
          testId="card-time"
        />
        <Card
          label="Cost to train"
          value={r.costUSD === null ? 'set a price' : formatUsd(r.costUSD)}
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
        communication {formatSeconds(r.breakdown.dpComm + r.breakdown.tpComm + r.breakdown.epComm + r.breakdown.ppComm)}
        .
      </p>
      <Charts plan={chartPlan} res={chartRes} />
      {!print && chartRes?.ok && <ShowMath trace={chartRes.result.trace} />}
    </div>
  );
}

/** A plan's results: cards, the binding limit, charts and the math (memoised: typing in the editor does not re-render them). */
export const Results = memo(ResultsView);
