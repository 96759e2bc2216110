/** The answer: the cheapest deployment meeting every SLO at the load, with its cost and latencies. */
import { useMemo } from 'react';
import { bestOf } from '@shared/sizing/run';
import type { RankedEntry } from '@shared/sizing/summary';
import { formatBatch, formatCountOf, formatPercent, formatSeconds, formatUsd, MILLI } from '@shared/units';
import { bindingOf } from '@shared/sizing/judge';
import { bindingText, devicesText, layoutText, precisionText, priceText, servingText } from './describe';
import type { Prepared } from './useSearch';

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {sub && <div className="sub">{sub}</div>}
    </div>
  );
}

/** "3 copies × 8 × H200 SXM 141GB (HGX H200), TP8 per copy, FP8 weights …, batch 96 per copy". */
export function answerSentence(p: Prepared, e: RankedEntry): string {
  const c = e.cand;
  const v = e.verdict;
  const serving = servingText(c);
  return `${formatCountOf(v.replicas, 'copy', 'copies')} × ${devicesText(p.sc, c)}, ${layoutText(c)} per copy, ${precisionText(c)}${serving ? `, ${serving}` : ''}${e.at ? `, mean batch ${formatBatch(e.at.batch)} per copy` : ''}`;
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
    () => bindingText(prepared.sc, bindingOf(prepared.sc, entry.cand, entry.verdict.row)),
    [prepared, entry],
  );
  const m = b.metrics;
  const pct = prepared.sc.spec.slo.ttftPercentile;
  const usd = priceText(m.usdPerHour, m.capexUSD);
  // All device time ÷ output tokens at the load (what the cost frontier's diamond shows); the card
  // also splits it: prefill's share of device time charged to input tokens, the rest to output.
  const allIn = m.usdPerMillionOutputTokensAllDevices;
  const perM = allIn === null ? '' : `, ${formatUsd(allIn)} per M output tokens (all device time)`;
  return (
    <section className="answer" data-testid="answer-card" data-final={final ? 'true' : 'false'}>
      <h2>
        {m.usdPerHour === null
          ? final
            ? 'Fewest devices meeting your SLOs'
            : 'Fewest devices so far'
          : final
            ? 'Cheapest meeting your SLOs'
            : 'Cheapest so far'}
        : <span data-testid="answer-text">{answerSentence(prepared, entry)}</span> — {usd}
        {perM}
      </h2>
      <div className="cards">
        <Card
          label="Deployment"
          value={formatCountOf(m.devices, 'device')}
          sub={`${formatCountOf(m.replicas, 'copy', 'copies')} × ${formatCountOf(m.devicesPerCopy, 'device')}`}
          testId="answer-devices"
        />
        <Card
          label="Cost"
          value={m.usdPerHour === null ? 'no price' : `${formatUsd(m.usdPerHour)}/h`}
          sub={m.capexUSD === null ? 'purchase price unknown' : `${formatUsd(m.capexUSD)} to buy`}
          testId="answer-usd"
        />
        <Card
          label="$ / M output tokens (decode's share)"
          value={m.usdPerMillionOutputTokens === null ? '—' : formatUsd(m.usdPerMillionOutputTokens)}
          sub={
            m.usdPerMillionInputTokens === null || allIn === null
              ? ''
              : `${formatUsd(m.usdPerMillionInputTokens)} / M input tokens (prefill's share) · ${formatUsd(allIn)} / M output tokens with all device time`
          }
          testId="answer-usd-per-m"
        />
        <Card
          label={`TTFT ${pct} at the load`}
          value={m.ttftMs ? formatSeconds(m.ttftMs[pct] * MILLI) : '—'}
          sub={
            m.ttftMs ? `p50 ${formatSeconds(m.ttftMs.p50 * MILLI)} · p99 ${formatSeconds(m.ttftMs.p99 * MILLI)}` : ''
          }
          testId="answer-ttft"
        />
        <Card
          label="TPOT at the load"
          value={m.tpotMs === null ? '—' : formatSeconds(m.tpotMs * MILLI)}
          sub={m.tpotMs === null ? '' : `${(1000 / m.tpotMs).toFixed(1)} tokens/s per user`}
          testId="answer-tpot"
        />
        <Card
          label="Utilisation"
          value={formatPercent(m.utilization, 0)}
          sub={`${m.requestsPerSecond.toPrecision(3)} req/s in all, ${m.requestsPerSecondPerCopy.toPrecision(3)} per copy (at most ${entry.verdict.lambdaMax.toPrecision(3)})`}
          testId="answer-utilisation"
        />
      </div>
      <p className="binding" data-testid="answer-binding">
        <strong>Binding limit:</strong> each copy carries at most {entry.verdict.lambdaMax.toPrecision(3)} requests/s,
        bound by {binding}.
      </p>
      {onOpen && (
        <div className="toolbar">
          <button type="button" data-testid="open-best" onClick={onOpen}>
            Open as plan
          </button>
          <span className="muted">
            One copy at {m.requestsPerSecondPerCopy.toPrecision(3)} requests/s: the plan shows the same TTFT and TPOT
            under load.
          </span>
        </div>
      )}
    </section>
  );
}
