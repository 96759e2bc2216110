/**
 * The search's results as they stream in: progress (with ETA and Cancel), the answer card, both
 * frontiers, the ranked table, the why-not table, Compare of up to four selections and the
 * simulation check. `interactive` off gives the printable version (report).
 */
import { useEffect, useMemo, useState } from 'react';
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { InferencePlan } from '@shared/schema/plan';
import { tpotTargetS } from '@shared/schema/sizing';
import type { FrontierPoint, RankedEntry, SearchSummary } from '@shared/sizing/summary';
import { MEGA, MILLI, formatSeconds } from '@shared/units';
import { usdPerMillionTokens } from '@shared/metrics';
import type { UserCatalogData } from '../engine/protocol';
import type { SearchState } from '../engine/search-pool';
import { AnswerCard } from './AnswerCard';
import { configText } from './describe';
import { FrontierChart, pointKey, type Marker } from './FrontierCharts';
import { planForEntry, planForPoint } from '@shared/sizing/run';
import { SimulatePanel } from './SimulatePanel';
import { entryKey, RankedTable, WhyNotTable } from './Tables';
import type { Prepared } from './useSearch';

export function ProgressLine({
  state,
  onCancel,
  stale = false,
}: {
  state: SearchState;
  onCancel?: () => void;
  /** The spec changed since: the page says so, and the re-filter note would contradict it. */
  stale?: boolean;
}) {
  const s = state;
  const pct = s.total ? Math.round((100 * s.done) / s.total) : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  const text =
    s.status === 'running'
      ? `Searching: ${n(s.done)} / ${n(s.total)} configurations (${pct}%) · ${formatSeconds(s.elapsedMs * MILLI)} · ${s.etaMs === null ? 'estimating time left' : `about ${formatSeconds(Math.max(s.etaMs, 0) * MILLI)} left`} · ${s.workers} ${s.workers === 1 ? 'worker' : 'workers'}`
      : s.status === 'ranking'
        ? `Ranking the best of ${n(s.total)} configurations…`
        : s.status === 'refiltering'
          ? 'Re-filtering the stored curves at the new SLOs…'
          : s.status === 'done'
            ? `Searched ${n(s.total)} configurations (${n(s.summary?.evaluated ?? 0)} operating points) in ${formatSeconds(s.elapsedMs * MILLI)} on ${s.workers} ${s.workers === 1 ? 'worker' : 'workers'}; ${(s.curveBytes / MEGA).toFixed(1)} MB of curves kept so a change of SLO re-filters without re-evaluating.`
            : s.status === 'cancelled'
              ? `Cancelled after ${n(s.done)} of ${n(s.total)} configurations: the results below are partial.`
              : s.status === 'error'
                ? `The search failed: ${s.message}`
                : 'Not searched yet.';
  return (
    <div className="search-progress" data-testid="search-progress" data-status={s.status} aria-live="polite">
      {(s.status === 'running' || s.status === 'ranking') && (
        <progress max={Math.max(s.total, 1)} value={s.done} aria-label="Search progress" />
      )}
      {(s.status === 'running' || s.status === 'ranking') && onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
      <span className={s.status === 'error' ? 'error' : ''} data-testid="progress-text">
        {text}
      </span>
      {s.swept !== null && s.status === 'done' && !stale && (
        <span className="muted" data-testid="refilter-note">
          {' '}
          Changed SLOs re-filtered the stored curves
          {s.swept > 0
            ? `; ${n(s.swept)} configurations cut short under the earlier, stricter SLOs were swept now.`
            : ' without evaluating anything again.'}
        </span>
      )}
    </div>
  );
}

/** Where the answer sits on each frontier chart (one copy at its load). */
function markers(p: Prepared, e: RankedEntry | undefined): { inter: Marker | null; cost: Marker | null } {
  if (!e?.at) return { inter: null, cost: null };
  const perCopy = e.verdict.lambdaTotal / e.verdict.replicas;
  const tokens = perCopy * p.sc.outputMean;
  const inter = { x: 1 / e.at.tpotS, y: tokens / e.cand.devices, label: 'the answer, at its load' };
  // One copy's spending over its output tokens: the engine's definition of $ / M output tokens.
  const y = usdPerMillionTokens(
    e.verdict.usdPerHour === null ? null : e.verdict.usdPerHour / e.verdict.replicas,
    tokens,
  );
  const cost = y === null ? null : { x: e.at.tpotS / MILLI, y, label: 'the answer' };
  return { inter, cost };
}

interface Selected {
  label: string;
  plan: () => InferencePlan | null;
}

/** The configurations ticked for Compare (up to four), cleared when the search changes. */
function useSelection(searchKey: string) {
  const [sel, setSel] = useState<Map<string, Selected>>(new Map());
  const [fullNote, setFullNote] = useState(false);
  useEffect(() => setSel(new Map()), [searchKey]);
  const toggle = (key: string, item: Selected): void => {
    if (!sel.has(key) && sel.size >= 4) return setFullNote(true);
    setFullNote(false);
    setSel((m) => {
      const next = new Map(m);
      if (next.has(key)) next.delete(key);
      else if (next.size < 4) next.set(key, item);
      return next;
    });
  };
  return { sel, fullNote, toggle };
}

/** The names of the spec's systems with no $/device-hour (neither the spec's nor the preset's). */
const unpricedSystems = (sc: Prepared['sc']): string[] =>
  [...sc.systems]
    .filter(([id, x]) => sc.spec.constraints.usdPerDeviceHour[id] === undefined && x.acc.price.hourlyUSD.value === null)
    .map(([, x]) => x.sys.name);

/** The simulation's target when nothing is selected: the best, if there is one. */
const bestTarget = (sc: Prepared['sc'], best: RankedEntry | undefined): Selected | null =>
  best ? { label: 'the best', plan: () => planForEntry(sc, best) } : null;

function NoAnswer({ exact }: { exact: boolean }) {
  return (
    <section className="answer none" data-testid="answer-card" data-final={exact ? 'true' : 'false'}>
      <h2>{exact ? 'No configuration meets every objective' : 'No configuration meets every objective so far'}</h2>
      <p className="muted">The why-not table below says what stopped them; loosen an SLO or a constraint.</p>
    </section>
  );
}

function CompareBar({ count, fullNote, onCompare }: { count: number; fullNote: boolean; onCompare: () => void }) {
  return (
    <div className="toolbar compare-bar">
      <button type="button" data-testid="compare-selected" disabled={count < 2} onClick={onCompare}>
        Compare selected ({count})
      </button>
      {fullNote ? (
        <span className="warn-note" role="status" data-testid="selection-full">
          Compare takes up to four: untick one (or Shift-click a selected point) first.
        </span>
      ) : (
        <span className="muted">
          Tick rows below or Shift-click frontier points (two to four); click a point to open it as a plan.
        </span>
      )}
    </div>
  );
}

/** In place of the cost frontier when it has no point: why. */
function CostFrontierEmpty({ exact, nonePriced }: { exact: boolean; nonePriced: boolean }) {
  return (
    <div className="chart-box chart-empty" data-testid="frontier-cost-empty">
      <h3>Frontier: $ per million output tokens vs TPOT</h3>
      <p className="muted">
        {!exact
          ? 'No priced configuration within the TPOT objective yet.'
          : nonePriced
            ? 'Nothing to draw: no system in the spec has a $/device-hour. Give one per system in the spec (Constraints → Systems) to see the cost frontier.'
            : 'Nothing to draw: no priced configuration meets the TPOT objective.'}
      </p>
    </div>
  );
}

/** A frontier point as a selection: its configuration and batch, and its plan. */
const pointItem = (prepared: Prepared, p: FrontierPoint): Selected => {
  const c = prepared.byId.get(p.id);
  return {
    label: c ? `${configText(prepared.sc, c)}, batch ${p.batch}` : p.id,
    plan: () => (c ? planForPoint(prepared.sc, c, p) : null),
  };
};

/** A ranked deployment as a selection. */
const entryItem = (sc: Prepared['sc'], e: RankedEntry): Selected => ({
  label: configText(sc, e.cand),
  plan: () => planForEntry(sc, e),
});

interface ChartActions {
  prepared: Prepared;
  selected: ReadonlySet<string>;
  onOpen: ((p: FrontierPoint) => void) | undefined;
  onToggle: ((p: FrontierPoint) => void) | undefined;
}

/** Both frontiers (the cost one, or why it is empty) and the systems left off it for want of a price. */
function ResultCharts({
  summary: s,
  markers: mk,
  exact,
  actions,
}: {
  summary: SearchSummary;
  markers: { inter: Marker | null; cost: Marker | null };
  exact: boolean;
  actions: ChartActions;
}) {
  const prepared = actions.prepared;
  const tpotT = tpotTargetS(prepared.sc.spec.slo);
  const unpriced = unpricedSystems(prepared.sc);
  return (
    <>
      <div className="charts">
        <FrontierChart
          kind="interactivity"
          points={s.frontier.interactivity}
          answer={mk.inter}
          slo={1 / tpotT}
          {...actions}
        />
        {s.frontier.cost.length > 0 ? (
          <FrontierChart kind="cost" points={s.frontier.cost} answer={mk.cost} slo={tpotT / MILLI} {...actions} />
        ) : (
          <CostFrontierEmpty
            exact={exact}
            nonePriced={unpriced.length > 0 && unpriced.length === prepared.sc.spec.constraints.systems.length}
          />
        )}
      </div>
      {unpriced.length > 0 && (
        <p className="muted warn-note" data-testid="unpriced-note">
          Not on the cost frontier, for want of a $/device-hour: {unpriced.join(', ')}. Give a price per system in the
          spec to see them there and to rank them by cost.
        </p>
      )}
    </>
  );
}

/** The ranked deployments under a heading that says how they are ordered. */
function Ranked(p: {
  prepared: Prepared;
  top: RankedEntry[];
  selected: ReadonlySet<string> | undefined;
  onToggle: ((e: RankedEntry) => void) | undefined;
  onOpen: ((e: RankedEntry) => void) | undefined;
}) {
  return (
    <>
      <h2>
        Best {p.top.length} deployments,{' '}
        {p.top.some((e) => e.verdict.usdPerHour !== null) ? 'cheapest first' : 'fewest devices first (no hourly price)'}
      </h2>
      {p.top.length ? (
        <RankedTable prepared={p.prepared} top={p.top} selected={p.selected} onToggle={p.onToggle} onOpen={p.onOpen} />
      ) : (
        <p className="muted">None yet.</p>
      )}
    </>
  );
}

export function SizingResults({
  state,
  prepared,
  interactive,
  user,
  calibrations,
  onOpenPlan,
  onCompare,
}: {
  state: SearchState;
  prepared: Prepared;
  interactive: boolean;
  user?: UserCatalogData | undefined;
  calibrations?: CalibrationProfile[] | undefined;
  onOpenPlan?: ((plan: InferencePlan) => void) | undefined;
  onCompare?: ((plans: InferencePlan[]) => void) | undefined;
}) {
  const s = state.summary;
  const { sel, fullNote, toggle } = useSelection(prepared.key);
  const best = s?.top[0];
  const mk = useMemo(() => markers(prepared, best), [prepared, best]);
  if (!s) return null;
  const sc = prepared.sc;
  const open = (item: Selected): void => {
    const plan = item.plan();
    if (plan) onOpenPlan?.(plan);
  };
  const selKeys = new Set(sel.keys());
  const chartActions: ChartActions = {
    prepared,
    selected: selKeys,
    onOpen: interactive ? (p: FrontierPoint) => open(pointItem(prepared, p)) : undefined,
    onToggle: interactive ? (p: FrontierPoint) => toggle(pointKey(p), pointItem(prepared, p)) : undefined,
  };
  const first = [...sel.values()][0];
  return (
    <div
      className="sizing-results"
      data-testid="sizing-results"
      data-exact={state.exact ? 'true' : 'false'}
      data-search-run={prepared.run}
    >
      {best ? (
        <AnswerCard
          prepared={prepared}
          entry={best}
          final={state.exact}
          onOpen={interactive ? () => open(entryItem(sc, best)) : undefined}
        />
      ) : (
        <NoAnswer exact={state.exact} />
      )}
      {interactive && (
        <CompareBar
          count={sel.size}
          fullNote={fullNote}
          onCompare={() => onCompare?.([...sel.values()].flatMap((x) => x.plan() ?? []))}
        />
      )}
      <ResultCharts summary={s} markers={mk} exact={state.exact} actions={chartActions} />
      <Ranked
        prepared={prepared}
        top={s.top}
        selected={interactive ? selKeys : undefined}
        onToggle={interactive ? (e) => toggle(entryKey(e), entryItem(sc, e)) : undefined}
        onOpen={interactive ? (e) => open(entryItem(sc, e)) : undefined}
      />
      <h2>Why not the others</h2>
      <WhyNotTable summary={s} />
      {interactive && user && calibrations && (
        <SimulatePanel
          target={first ? { label: 'the first selected', plan: first.plan } : bestTarget(sc, best)}
          user={user}
          calibrations={calibrations}
        />
      )}
    </div>
  );
}
