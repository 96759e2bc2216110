import { useEffect, useMemo, useState } from 'react';
import { summarizeByGroup, summarizeErrors, type ValidationRow } from '@shared/validation/run';
import { splitOf } from '@shared/validation/split';
import type { PageProps } from './registry';
import { SourceList } from '../components/Cite';
import { validateAll } from '../engine/client';

/** The validation rows, computed by the engine worker with the engine's catalog (as `cluster-planner validate`); null while it runs. */
function useValidationRows(): ValidationRow[] | null {
  const [rows, setRows] = useState<ValidationRow[] | null>(null);
  useEffect(() => {
    let live = true;
    void validateAll().then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, []);
  return rows;
}

export function ValidationPage(_props: PageProps) {
  const rows = useValidationRows();
  if (!rows)
    return (
      <section className="page" aria-busy="true">
        <h1>Validation</h1>
        <p role="status">Predicting every published measurement with the engine…</p>
      </section>
    );
  return <ValidationTable rows={rows} />;
}

/** Median |error| of the fit and held-out parts of the serving and training rows (docs/validation.md). */
function SplitLine({ rows }: { rows: readonly ValidationRow[] }) {
  const part = (p: 'fit' | 'held-out') => {
    const s = summarizeErrors(rows.filter((r) => r.kind !== 'rl' && splitOf(r.id) === p).map((r) => r.errorPct));
    return `${p === 'fit' ? 'Fit' : 'Held-out'} part: median |error| ${pct(s.medianAbsErrorPct)}, ${s.within25} of ${s.rows} within ±25%`;
  };
  return (
    <p data-testid="validation-split">
      {part('fit')}. {part('held-out')} (cases split by id before anything was fitted; the held-out part is never used
      to set a default).
    </p>
  );
}

function ValidationTable({ rows }: { rows: ValidationRow[] }) {
  const groups = useMemo(() => summarizeByGroup(rows), [rows]);
  const { calibrated: c, roofline: plain } = groups.core;
  const rl = groups.rl.calibrated;
  return (
    <section className="page">
      <h1>Validation</h1>
      <p>
        How far to trust the engine: each row predicts a published measurement from its stated settings. Median |error|{' '}
        {pct(c.medianAbsErrorPct)}, worst {pct(c.maxAbsErrorPct)}, {c.within25} of {c.rows} rows within ±25%. The plain
        roofline (datasheet peaks × default efficiencies, no calibration curves) would give a median of{' '}
        {pct(plain.medianAbsErrorPct)} with {plain.within25} of {plain.rows} rows within ±25%. These figures cover the
        serving and training rows; the RL post-training rows (whole GRPO steps and their phases, where framework
        overheads the engine does not model weigh in) are summarised apart: median |error| {pct(rl.medianAbsErrorPct)},{' '}
        {rl.within25} of {rl.rows} within ±25%. Assumptions for unpublished settings are listed; defaults are never
        tuned to a single row.
      </p>
      <SplitLine rows={rows} />
      <table className="data" data-testid="validation-table">
        <thead>
          <tr>
            <th>Measurement</th>
            <th className="num">Published</th>
            <th className="num">Predicted</th>
            <th className="num">Error</th>
            <th className="num" title="Error of the same plan with useCalibration off: datasheet × default efficiency">
              Plain roofline
            </th>
            <th>Source and assumptions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                {r.description} <span className="unit">({r.unit})</span>
              </td>
              <td className="num">{r.published.toLocaleString('en-US')}</td>
              <td className="num">
                {r.predicted === null ? (
                  <span className="error">{r.error}</span>
                ) : (
                  r.predicted.toLocaleString('en-US', { maximumFractionDigits: 1 })
                )}
              </td>
              <td className="num">
                <ErrorBadge pct={r.errorPct} />
              </td>
              <td className="num" data-testid="roofline-error">
                <ErrorBadge pct={r.rooflineErrorPct} />
              </td>
              <td className="muted">
                <SourceList source={r.source} />. {r.assumptions}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)}%`);

function ErrorBadge({ pct: e }: { pct: number | null }) {
  if (e === null) return <>—</>;
  return (
    <span className={`badge ${Math.abs(e) <= 25 ? 'good' : 'bad'}`}>{`${e >= 0 ? '+' : ''}${e.toFixed(1)}%`}</span>
  );
}
