/**
 * Results of an RL plan: cards (step time, tokens generated per second, GPU-hours and $
 * for the run, binding phase, memory, pool utilisation), the timeline of one step per pool, the
 * generation curve, memory per phase, the phase table, the rollout/training split sweep, warnings
 * and "show the math".
 */
import { PlanWarnings } from './PlanWarnings';
import type { RlPlan } from '@shared/schema/plan';
import { presetCatalog } from '@presets/load';
import { bestSplit, policyModel, splitPlan } from '@shared/rl/split';
import { useCatalog } from '../clusters/catalog';
import { syncText } from '@shared/rl/sync';
import { rlHeadline } from '@shared/rl/metrics';
import { formatBytes, formatPercent, formatSeconds } from '@shared/units';
import { GenerationCurveChart, RlMemoryChart, RlTimelineChart, SplitChart } from '../charts/RlTimeline';
import { TraceView } from '../components/TraceView';
import type { EvaluateResponse } from '../engine/protocol';

type RlResponse = Extract<EvaluateResponse, { kind: 'rl' }>;

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {sub && <div className="sub">{sub}</div>}
    </div>
  );
}

function PhaseTable({ plan, res }: { plan: RlPlan; res: RlResponse }) {
  const r = res.result;
  const rm = r.passes.find((p) => p.role === 'reward');
  const rewardNote = `${rm ? `reward model ${rm.modelName} ${formatSeconds(rm.seconds)}` : 'rule-based'}; verifier ${formatSeconds(plan.rl.rewardSecondsPerStep)}`;
  const rows: Array<[string, number, string]> = [
    [
      'Generation',
      r.breakdownS.generation,
      `${r.rollout.mode}; ${r.rollout.samples.toFixed(0)} samples on ${r.rollout.layout.dp} replicas, ${r.rollout.concurrency.toFixed(0)} at once each; tail ${formatSeconds(r.rollout.gen.tailS)}, prefill ${formatSeconds(r.rollout.prefillS)}`,
    ],
    [
      'Log-prob passes',
      r.breakdownS.logprobs,
      r.passes
        .filter((p) => p.role !== 'reward')
        .map((p) => `${p.role} ${formatSeconds(p.seconds)}`)
        .join(', '),
    ],
    ['Reward', r.breakdownS.reward, rewardNote],
    [
      'Training',
      r.breakdownS.training,
      r.trainPhase.parts
        .map((p) => `${p.role}: ${formatSeconds(p.stepTimeS)} per update, MFU ${formatPercent(p.mfu)}`)
        .join('; '),
    ],
    [
      'Weight sync and switch',
      r.breakdownS.sync,
      `${plan.rl.weightSync === 'gather' ? 'gather' : 'reshard'}, ${syncText(r.sync, (b) => formatBytes(b))}; switch ${formatSeconds(r.sync.switchS)}`,
    ],
    [
      'Idle (device-weighted)',
      r.breakdownS.idle,
      r.pools.colocated ? 'one pool: no idle pool' : 'a pool waiting for the other',
    ],
  ];
  return (
    <table className="data" data-testid="rl-phases">
      <thead>
        <tr>
          <th>Phase</th>
          <th className="num">Seconds per step</th>
          <th>What it is</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, s, note]) => (
          <tr key={name}>
            <td>{name}</td>
            <td className="num">{formatSeconds(s)}</td>
            <td>{note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The plan's own split: the two pools it has, or null when colocated. */
const currentSplit = (plan: RlPlan): number | null =>
  plan.rl.placement.mode === 'disaggregated' ? plan.rl.placement.rolloutDevices : null;

function SplitRowView(p: {
  s: RlResponse['split'][number];
  best: boolean;
  current: boolean;
  onApply?: (() => void) | undefined;
}) {
  const { s } = p;
  return (
    <tr
      className={p.best ? 'best' : undefined}
      data-current={p.current ? 'true' : undefined}
      data-rollout={s.rolloutDevices}
    >
      <td className="num">
        {s.rolloutDevices}
        {p.current && <span className="badge">this plan</span>}
      </td>
      <td className="num">{s.trainingDevices}</td>
      <td className="num">{s.stepTimeS === null ? '—' : formatSeconds(s.stepTimeS)}</td>
      <td className="num">{s.generationS === null ? '—' : formatSeconds(s.generationS)}</td>
      <td className="num">{s.trainerS === null ? '—' : formatSeconds(s.trainerS)}</td>
      <td title={s.error}>{s.error ? 'cannot run' : s.fits ? 'yes' : 'no'}</td>
      {p.onApply && (
        <td className="action">
          {!p.current && !s.error && (
            <button type="button" className="link" data-testid="apply-split" onClick={p.onApply}>
              Apply
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function SplitTable({
  plan,
  res,
  onApply,
}: {
  plan: RlPlan;
  res: RlResponse;
  onApply?: ((p: RlPlan) => void) | undefined;
}) {
  const catalog = useCatalog() ?? presetCatalog();
  const best = bestSplit(res.split);
  const model = policyModel(plan, catalog);
  if (res.split.length === 0)
    return <p className="muted">No split of these devices gives both pools whole replicas of their layouts.</p>;
  const cur = currentSplit(plan);
  const apply = (d: number) => () => {
    const next = model && splitPlan(plan, d, model);
    if (next) onApply?.(next);
  };
  return (
    <>
      <p data-testid="rl-split-answer">
        {best
          ? `Fastest split that fits: ${best.rolloutDevices} rollout + ${best.trainingDevices} training devices, ${formatSeconds(best.stepTimeS!)} per step (${best.binding} binds)`
          : 'No split fits in memory: every phase needs more devices or a smaller layout.'}
        {cur === null
          ? `; this plan, colocated: ${formatSeconds(res.result.stepTimeS)}.`
          : `; this plan, ${cur} + ${plan.devices - cur}: ${formatSeconds(res.result.stepTimeS)}.`}{' '}
        Each split runs disaggregated with this plan’s asynchrony (k = {plan.rl.asyncSteps}); set k ≥ 1 to let
        generation overlap training.
      </p>
      <table className="data" data-testid="rl-split">
        <thead>
          <tr>
            <th className="num">Rollout devices</th>
            <th className="num">Training devices</th>
            <th className="num">Step</th>
            <th className="num">Generation</th>
            <th className="num">Log-probs + reward + training</th>
            <th>Fits</th>
            {onApply && <th />}
          </tr>
        </thead>
        <tbody>
          {res.split.map((s) => (
            <SplitRowView
              key={s.rolloutDevices}
              s={s}
              best={best === s}
              current={cur === s.rolloutDevices}
              onApply={onApply ? apply(s.rolloutDevices) : undefined}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

export function RlResults({
  plan,
  res,
  print = false,
  onApply,
}: {
  plan: RlPlan;
  res: RlResponse;
  print?: boolean;
  onApply?: ((p: RlPlan) => void) | undefined;
}) {
  const r = res.result;
  const peak = r.memory.phases.find((p) => p.phase === r.memory.peakPhase)!;
  return (
    <div data-testid="results" data-plan-kind="rl">
      <div className="cards">
        {rlHeadline(plan, r).map((f) => (
          <Card key={f.id} label={f.label} value={f.value} sub={f.sub} testId={`card-${f.id}`} />
        ))}
      </div>
      <p className="binding" data-testid="binding">
        <strong>Binding phase:</strong> {r.bindingText}
        {!r.memory.fits && ` Memory: the ${peak.phase} phase needs ${formatBytes(r.memoryPerDeviceBytes)} per device.`}
      </p>
      <PlanWarnings issues={r.issues} />
      <div className="charts">
        <RlTimelineChart result={r} />
        <GenerationCurveChart result={r} />
        <RlMemoryChart result={r} />
        {res.split.length > 0 && <SplitChart rows={res.split} />}
      </div>
      <h2>Phases of one step</h2>
      <PhaseTable plan={plan} res={res} />
      <h2>How many rollout vs training devices?</h2>
      <SplitTable plan={plan} res={res} onApply={print ? undefined : onApply} />
      {!print && (
        <>
          <h2>Show the math</h2>
          <div data-testid="show-math">
            <TraceView trace={r.trace} />
          </div>
        </>
      )}
    </div>
  );
}
