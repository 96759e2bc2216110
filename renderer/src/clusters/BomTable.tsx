import type { BomFigure, BomLine } from '@shared/cluster/bom';
import { sourceRegistry } from '@presets/sources';
import { sourceText } from '@shared/sources/registry';
import { SourceList } from '../components/Cite';
import { bomCells, bomWatts } from '@shared/cluster/metrics';
import { formatUsd } from '@shared/units';

function Fig({ f, fmt }: { f: BomFigure; fmt: (n: number) => string }) {
  const title = `${sourceText(f.source, sourceRegistry())}${f.note ? ` — ${f.note}` : ''}`;
  if (f.included)
    return (
      <span className="muted" title={title}>
        incl.
      </span>
    );
  return (
    <span title={title}>
      {f.value === null ? <span className="muted">unknown</span> : fmt(f.value)}
      {f.user && <span className="badge"> your figure</span>}
      {f.unverified && <span className="badge warn"> unverified</span>}
    </span>
  );
}

/** The bill of materials: quantity, unit price and power with their sources, line totals. */
export function BomTable({ lines, sources = false }: { lines: BomLine[]; sources?: boolean }) {
  return (
    <table className="data bom" data-testid="bom-table">
      <thead>
        <tr>
          <th>Item</th>
          <th className="num">Qty</th>
          <th className="num">Unit price</th>
          <th className="num">Unit power</th>
          <th className="num">Line price</th>
          {sources && <th>Sources</th>}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id} data-line={l.id}>
            <td>{l.item}</td>
            <td className="num">{bomCells(l).qty}</td>
            <td className="num">
              <Fig f={l.unitUSD} fmt={formatUsd} />
            </td>
            <td className="num">
              <Fig f={l.unitW} fmt={bomWatts} />
            </td>
            <td className="num">{bomCells(l).linePrice}</td>
            {sources && (
              <td className="source">
                price: <SourceList source={l.unitUSD.source} />
                {l.unitUSD.note ? ` (${l.unitUSD.note})` : ''}; power: <SourceList source={l.unitW.source} />
                {l.unitW.note ? ` (${l.unitW.note})` : ''}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
