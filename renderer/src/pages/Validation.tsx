import { useMemo } from 'react';
import { presetCatalog } from '@presets/load';
import { VALIDATION_CASES } from '@shared/validation/cases';
import { runValidation } from '@shared/validation/run';
import type { PageProps } from './registry';
import { SourceList } from '../components/Cite';

export function ValidationPage(_props: PageProps) {
  const rows = useMemo(() => runValidation(VALIDATION_CASES, presetCatalog()), []);
  const errs = rows.flatMap((r) => (r.errorPct === null ? [] : [Math.abs(r.errorPct)])).sort((a, b) => a - b);
  const median = errs.length ? errs[Math.floor(errs.length / 2)]! : 0;
  return (
    <section className="page">
      <h1>Validation</h1>
      <p>
        How far to trust the engine: each row predicts a published measurement from its stated settings. Median |error|{' '}
        {median.toFixed(1)}%, worst {Math.max(...errs).toFixed(1)}%. Assumptions for unpublished settings are listed;
        defaults are never tuned to a single row.
      </p>
      <table className="data" data-testid="validation-table">
        <thead>
          <tr>
            <th>Measurement</th>
            <th className="num">Published</th>
            <th className="num">Predicted</th>
            <th className="num">Error</th>
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
                {r.errorPct === null ? (
                  '—'
                ) : (
                  <span
                    className={`badge ${Math.abs(r.errorPct) <= 25 ? 'good' : 'bad'}`}
                  >{`${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(1)}%`}</span>
                )}
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
