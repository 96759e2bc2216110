import { useState } from 'react';
import type { Trace } from '@shared/explain';
import { formatValue } from './format';

/**
 * "Show the math": the explain trace as nested formulas with their inputs and values. A closed
 * step renders its contents when first opened (a full trace has hundreds of steps; re-rendering
 * all of them on every keystroke is what made editing slow).
 */
export function TraceView({ trace, depth = 0, allOpen = false }: { trace: Trace; depth?: number; allOpen?: boolean }) {
  const [opened, setOpened] = useState(allOpen || depth < 1);
  return (
    <details
      className="trace"
      open={allOpen || depth < 1}
      style={{ marginLeft: depth ? 14 : 0 }}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) setOpened(true);
      }}
    >
      <summary>
        <strong>{trace.label}</strong> = {formatValue(trace.value, trace.unit)}{' '}
        <span className="formula">[{trace.formula}]</span>
      </summary>
      {opened && (
        <>
          {trace.inputs.length > 0 && (
            <ul>
              {trace.inputs.map((i, k) => (
                <li key={k}>
                  {i.name}: {typeof i.value === 'number' ? formatValue(i.value, i.unit) : i.value}
                  {i.note ? <span className="formula"> — {i.note}</span> : null}
                </li>
              ))}
            </ul>
          )}
          {trace.note && <div className="formula">{trace.note}</div>}
          {trace.children.map((c, k) => (
            <TraceView key={k} trace={c} depth={depth + 1} allOpen={allOpen} />
          ))}
        </>
      )}
    </details>
  );
}
