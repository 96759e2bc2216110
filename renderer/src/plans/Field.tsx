import { useEffect, useId, useState } from 'react';
import { boundsProblem } from '@shared/schema/bounds';
import { planBounds } from './bounds';
import type { FieldDef } from './fields';

interface Props {
  def: FieldDef;
  value: unknown;
  error?: string | undefined;
  onChange: (value: unknown) => void;
}

/**
 * One editor field: label with its unit, a tooltip with its meaning, and the error that names
 * the problem. Number fields keep what the user typed even when it is invalid, so nothing typed
 * is lost while the message explains what is wrong.
 */
export function Field({ def, value, error, onChange }: Props) {
  const id = useId();
  const [raw, setRaw] = useState(value === null || value === undefined ? '' : String(value));
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => {
    // Follow outside changes (undo, revision restore) unless the user is mid-edit on an invalid value.
    if (localError === null) setRaw(value === null || value === undefined ? '' : String(value));
  }, [value, localError]);
  const k = def.kind;
  const shownError = localError ?? error;
  const common = {
    id,
    'aria-invalid': shownError ? ('true' as const) : undefined,
    'aria-describedby': shownError ? `${id}-err` : undefined,
    title: def.help,
    'data-field': def.path,
  };
  let control;
  if (k.type === 'bool') {
    control = (
      <input type="checkbox" {...common} checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />
    );
  } else if (k.type === 'select') {
    control = (
      <select
        {...common}
        value={String(value ?? '')}
        onChange={(e) => onChange(k.numeric ? Number(e.target.value) : e.target.value)}
      >
        {k.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        inputMode="decimal"
        value={raw}
        placeholder={def.nullable ? 'preset default' : undefined}
        onChange={(e) => {
          const text = e.target.value;
          setRaw(text);
          if (text.trim() === '' && def.nullable) {
            setLocalError(null);
            onChange(null);
            return;
          }
          const n = Number(text.replace(/,/g, '').replace(/_/g, ''));
          if (text.trim() === '' || !Number.isFinite(n))
            return setLocalError(`${def.label}: "${text}" is not a number`);
          const b = planBounds(def.path);
          const problem = b && boundsProblem(b, def.label, n);
          if (problem) return setLocalError(problem);
          setLocalError(null);
          onChange(n);
        }}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id} title={def.help}>
        {def.label} <span className="unit">({def.unit})</span>
      </label>
      {control}
      {shownError && (
        <span className="error" id={`${id}-err`} role="alert">
          {shownError}
        </span>
      )}
    </div>
  );
}
