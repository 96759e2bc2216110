/**
 * What the spec form's fields tell the page: a value refused in a field (typed but not accepted,
 * so the spec still holds the last accepted one) and each field's label, so the page can keep
 * Search disabled until the value is fixed and name fields by their labels rather than by the
 * schema's dotted paths.
 */
import { createContext, useContext, useEffect } from 'react';

export interface FieldRegistry {
  /** `message` null: the field holds an accepted value again (or is gone). */
  refuse(path: string, message: string | null): void;
  label(path: string, label: string): void;
}

export const FieldRegistryContext = createContext<FieldRegistry | null>(null);

/** Report a field's refused value (or null) and its label while the field is shown. */
export function useFieldReport(path: string, label: string | null, refused: string | null): void {
  const reg = useContext(FieldRegistryContext);
  useEffect(() => {
    if (reg && label) reg.label(path, label);
  }, [reg, path, label]);
  useEffect(() => {
    if (!reg) return;
    reg.refuse(path, refused);
    return () => reg.refuse(path, null);
  }, [reg, path, refused]);
}

/** A schema message (which names the dotted path) with the field's label in place of the path. */
export function withLabel(message: string, path: string, label: string | undefined): string {
  if (!label || !path) return message;
  if (message.startsWith(`${path}: `)) return `${label}: ${message.slice(path.length + 2)}`;
  if (message.startsWith(`${path} `)) return `${label} ${message.slice(path.length + 1)}`;
  return message.replaceAll(path, label);
}
