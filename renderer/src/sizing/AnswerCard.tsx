/** The answer: the cheapest deployment meeting every SLO at the load, with its cost and latencies. */
import { useMemo } from 'react';
import { formatMetric, METRICS } from '@shared/metrics';
import { bindingOf } from '@shared/sizing/judge';
import { entryLabel, entryMetrics } from '@shared/sizing/metrics';
import { bestOf } from '@shared/sizing/run';
import type { InferencePlan } from '@shared/schema/plan';
import { pessimisticEdge, type Banded, type ResultBands } from '@shared/serving/bands';
import { sizedAtText, type SizedAt } from '@shared/serving/describe';
import type { RankedEntry } from '@shared/sizing/summary';
import { formatCount, formatCountOf, formatRate, formatSeconds, formatUsd } from '@shared/units';
import { answerHeading, answerText, bindingText, loadText, priceText } from './describe';
import { useEvaluation } from '../engine/client';
import { bandNote } from '../plans/ServedCards';
import { NoPrice } from './Tables';
import type { Prepared } from './useSearch';

const join = (...parts: string[]): string => parts.filter(Boolean).join(' · ');

function Card({
  label,
  value,
  sub,
  testId,
  title,
}: {
  label: string;
  value: React.ReactNode;
  sub?: string;
  testId: string;
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

/**
 * The error bands of the answer's plan, from the engine worker (this thread's catalog holds neither
 * the kernel tables that set a plan's class nor the bands): null until evaluated, or without bands.
 */
function useAnswerBands(plan: InferencePlan): ResultBands | null {
  const res = useEvaluation(plan, false);
  return res?.ok && res.kind === 'inference' ? res.result.bands : null;
}

/** What the answer was sized at: the estimate, or the pessimistic edge with its factors (as the CLI says it). */
function sizedAtOf(at: 'estimate' | 'pessimistic', bands: ResultBands | null): SizedAt | null {
  if (at === 'estimate') return { at, decodeScale: 1, prefillScale: 1 };
  return bands
    ? { at, decodeScale: pessimisticEdge(bands.decode), prefillScale: pessimisticEdge(bands.prefill) }
    : null;
}

/** The band beside a latency of the answer: the 80% band of the estimate, or that it is the band's pessimistic edge. */
function bandSub(seconds: number | null | undefined, at: 'estimate' | 'pessimistic', b: Banded | undefined): string {
  if (seconds === null || seconds === undefined || !b) return '';
  return at === 'pessimistic' ? (b.band ? "at the error band's pessimistic edge" : '') : bandNote(seconds, b);
}

function AnswerCards({
  prepared,
  entry,
  bands,
}: {
  prepared: Prepared;
  entry: RankedEntry;
  bands: ResultBands | null;
}) {
  const sc = prepared.sc;
  const at = sc.spec.slo.sizeAt;
  const m = entryMetrics(sc, entry);
  const v = entry.verdict;
  const shares = `${METRICS.decodeUsdPerMOutput.label}: ${formatMetric('decodeUsdPerMOutput', m.decodeUsdPerMOutput)}; ${METRICS.prefillUsdPerMInput.label}: ${formatMetric('prefillUsdPerMInput', m.prefillUsdPerMInput)}`;
  const ttft = entry.at?.ttftS;
  return (
    <div className="cards">
      <Card
        label="Deployment"
        value={formatCountOf(v.devicesTotal, 'device')}
        sub={`${formatCountOf(v.replicas, 'copy', 'copies')} × ${formatCountOf(entry.cand.devices, 'device')}`}
        testId="answer-devices"
      />
      <Card
        label="Cost"
        value={m.usdPerHour === null ? <NoPrice /> : formatMetric('usdPerHour', m.usdPerHour)}
        sub={m.capex === null || m.capex === undefined ? 'purchase price unknown' : `${formatUsd(m.capex)} to buy`}
        testId="answer-usd"
      />
      <Card
        label={METRICS.usdPerMOutput.label}
        value={m.usdPerMOutput === null ? <NoPrice /> : formatMetric('usdPerMOutput', m.usdPerMOutput)}
        sub="all device time ÷ output tokens, at the load"
        title={`${METRICS.usdPerMOutput.formula}. ${shares}.`}
        testId="answer-usd-per-m"
      />
      <Card
        label={entryLabel(sc, 'ttft')}
        value={formatMetric('ttft', m.ttft)}
        sub={join(
          ttft
            ? `p50 ${formatSeconds(ttft.p50)} · p95 ${formatSeconds(ttft.p95)} · p99 ${formatSeconds(ttft.p99)}`
            : '',
          bandSub(m.ttft, at, bands?.servedTtft),
        )}
        testId="answer-ttft"
      />
      <Card
        label={entryLabel(sc, 'tpot')}
        value={formatMetric('tpot', m.tpot)}
        sub={join(
          m.outputPerUser ? `${formatMetric('outputPerUser', m.outputPerUser)} per user` : '',
          bandSub(m.tpot, at, bands?.decode),
        )}
        testId="answer-tpot"
      />
      <Card
        label="Utilisation"
        value={formatMetric('utilization', m.utilization)}
        sub={`target ${formatMetric('utilization', sc.spec.slo.targetUtilization)}; ${formatRate(v.lambdaTotal, 'req/s')} in all, ${formatCount(v.lambdaTotal / v.replicas)} per copy (at most ${formatCount(v.lambdaMax)})`}
        testId="answer-utilisation"
      />
    </div>
  );
}

export function AnswerCard({
  prepared,
  entry,
  final,
  onOpen,
}: {
  prepared: Prepared;
  entry: RankedEntry;
  final: boolean;
  onOpen?: (() => void) | undefined;
}) {
  const b = useMemo(() => bestOf(prepared.sc, entry), [prepared, entry]);
  const binding = useMemo(
    () => bindingText(prepared.sc, entry.binding ?? bindingOf(prepared.sc, entry.cand, entry.verdict.row)),
    [prepared, entry],
  );
  const bands = useAnswerBands(b.plan);
  const sizedAt = sizedAtOf(prepared.sc.spec.slo.sizeAt, bands);
  const m = b.metrics;
  const perM = m.usdPerMOutput === null ? '' : `, ${formatUsd(m.usdPerMOutput)} per M output tokens`;
  return (
    <section className="answer" data-testid="answer-card" data-final={final ? 'true' : 'false'}>
      <h2>
        {answerHeading(m.usdPerHour, final)}: <span data-testid="answer-text">{answerText(prepared.sc, entry)}</span> —{' '}
        {priceText(m.usdPerHour, m.capexUSD)}
        {perM}
      </h2>
      <AnswerCards prepared={prepared} entry={entry} bands={bands} />
      <p className="muted" data-testid="answer-load">
        Load: {loadText(prepared.sc, entry)}.
      </p>
      <p className="muted" data-testid="answer-sized-at" data-ready={sizedAt ? 'true' : 'false'}>
        Sized at {sizedAt ? sizedAtText(sizedAt) : 'the pessimistic edge of the error band (reading the band…)'}
        {sizedAt?.at === 'estimate'
          ? ' (choose “pessimistic edge” under Size at to size for the error band).'
          : '; the plan it opens as shows the estimate.'}
      </p>
      <p className="binding" data-testid="answer-binding">
        <strong>Binding limit:</strong> each copy carries at most {formatRate(entry.verdict.lambdaMax, 'requests/s')},
        bound by {binding}.
      </p>
      {onOpen && (
        <div className="toolbar">
          <button type="button" data-testid="open-best" onClick={onOpen}>
            Open as plan
          </button>
          <span className="muted">
            One copy at {formatRate(m.requestsPerSecondPerCopy, 'requests/s')}: the plan shows the same TTFT and TPOT
            under load.
          </span>
        </div>
      )}
    </section>
  );
}
