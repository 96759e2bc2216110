import { useEffect, useId, useState } from 'react';
import { boundsProblem, type NumberBounds } from '@shared/schema/bounds';
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
/** The text a stored value is shown as (scaled: GB/s for bytes/s). */
function shownText(value: unknown, scale: number | undefined): string {
  if (value === null || value === undefined) return '';
  return scale && typeof value === 'number' ? String(Number((value / scale).toPrecision(12))) : String(value);
}

/** The bounds of a shown value: the schema's, in the field's shown unit. */
function shownBounds(path: string, scale: number | undefined): NumberBounds | null {
  const b = planBounds(path);
  if (!b || !scale) return b;
  const s = (v: number | undefined) => (v === undefined ? undefined : v / scale);
  return { int: b.int, min: s(b.min), max: s(b.max), gt: s(b.gt), lt: s(b.lt) };
}

/** What an empty field stores: null (nullable), nothing (optional), or it is refused. */
const emptyValue = (def: FieldDef): { ok: boolean; value: null | undefined } =>
  def.nullable ? { ok: true, value: null } : { ok: Boolean(def.optional), value: undefined };

/** What typed text in a number field stores (in stored units), or the problem that names why it can't. */
function readNumber(def: FieldDef, text: string): { error: string } | { error: null; value: unknown } {
  const empty = emptyValue(def);
  if (text.trim() === '' && empty.ok) return { error: null, value: empty.value };
  const n = Number(text.replace(/,/g, '').replace(/_/g, ''));
  if (text.trim() === '' || !Number.isFinite(n)) return { error: `${def.label}: "${text}" is not a number` };
  const b = shownBounds(def.path, def.scale);
  const problem = b && boundsProblem(b, def.label, n);
  if (problem) return { error: problem };
  return { error: null, value: def.scale ? n * def.scale : n };
}

export function Field({ def, value, error, onChange }: Props) {
  const id = useId();
  const [raw, setRaw] = useState(shownText(value, def.scale));
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => {
    // Follow outside changes (undo, revision restore) unless the user is mid-edit on an invalid value.
    if (localError === null) setRaw(shownText(value, def.scale));
  }, [value, localError, def.scale]);
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
        onChange={(e) => {
          const v = e.target.value;
          const empty = emptyValue(def);
          onChange(v === '' && empty.ok ? empty.value : k.numeric ? Number(v) : k.boolean ? v === 'true' : v);
        }}
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
        placeholder={def.placeholder ?? (def.nullable ? 'preset default' : undefined)}
        onChange={(e) => {
          const text = e.target.value;
          setRaw(text);
          const read = readNumber(def, text);
          setLocalError(read.error);
          if (read.error === null) onChange(read.value);
        }}
      />
    );
  }
  return (
    <div className={def.wide ? 'field wide' : 'field'}>
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
