import { useEffect, useId, useState } from 'react';
import { boundsProblem, numberBounds, type NumberBounds } from '@shared/schema/bounds';
import { SizingSpec } from '@shared/schema/sizing';
import { useFieldReport, withLabel } from './field-registry';

const BOUNDS = new Map<string, NumberBounds | null>();
/** The bounds the spec schema puts on the number at `path` (whole number, minimum, maximum). */
export function specBounds(path: string): NumberBounds | null {
  if (!BOUNDS.has(path)) BOUNDS.set(path, numberBounds(SizingSpec, path));
  return BOUNDS.get(path)!;
}

export interface NumFieldProps {
  path: string;
  label: string;
  unit: string;
  help: string;
  value: unknown;
  error?: string | undefined;
  /** What an empty field means: nothing (optional field), null ("no limit"), or not allowed. */
  empty?: 'undefined' | 'null' | false;
  placeholder?: string;
  onChange: (v: number | null | undefined) => void;
}

/**
 * A number field of the sizing spec: label with its unit, a tooltip with its meaning, and a message
 * naming the field when the value is not accepted. What the user typed stays in the box while it
 * is invalid, so nothing is lost; the page is told (Search stays disabled until it is fixed).
 */
export function NumField(p: NumFieldProps) {
  const id = useId();
  const shown = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
  const [raw, setRaw] = useState(shown(p.value));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    if (local === null) setRaw(shown(p.value));
  }, [p.value, local]);
  useFieldReport(p.path, p.label, local);
  const err = local ?? (p.error === undefined ? undefined : withLabel(p.error, p.path, p.label));
  const change = (text: string): void => {
    setRaw(text);
    if (text.trim() === '' && p.empty !== false && p.empty !== undefined) {
      setLocal(null);
      return p.onChange(p.empty === 'null' ? null : undefined);
    }
    if (text.trim() === '') return setLocal(`${p.label} is required`);
    const n = parseTypedNumber(text);
    if (n === null)
      return setLocal(
        text.includes(',') && !text.includes('.')
          ? `${p.label}: "${text}" is not a number (use a point for decimals: 1.5)`
          : `${p.label}: "${text}" is not a number`,
      );
    const bounds = specBounds(p.path);
    const problem = bounds && boundsProblem(bounds, p.label, n);
    if (problem) return setLocal(problem);
    setLocal(null);
    p.onChange(n);
  };
  return (
    <div className="field">
      <label htmlFor={id} title={p.help}>
        {p.label} <span className="unit">({p.unit})</span>
      </label>
      <input
        id={id}
        inputMode="decimal"
        title={p.help}
        data-field={p.path}
        value={raw}
        placeholder={p.placeholder}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `${id}-err` : undefined}
        onChange={(e) => change(e.target.value)}
      />
      {err && (
        <span className="error" id={`${id}-err`} role="alert" data-error-for={p.path}>
          {err}
        </span>
      )}
    </div>
  );
}

/**
 * A typed number: digits with an optional decimal point; commas only as thousands separators
 * ("12,000"), so "1,5" is refused rather than read as 15.
 */
export function parseTypedNumber(text: string): number | null {
  const t = text.trim().replace(/[_\s]/g, '');
  if (t.includes(',')) {
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return null;
    return Number(t.replace(/,/g, ''));
  }
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
