/** Reading and writing plan fields by dotted path, immutably. */
export function getPath(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function setPath<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return obj;
  const o = (obj ?? {}) as Record<string, unknown>;
  return { ...o, [head]: rest.length ? setPath(o[head], rest.join('.'), value) : value } as T;
}

/**
 * The object without the field at `path` (an optional setting left to its default); a parent
 * object left empty goes too, so clearing the last scheduler override removes the scheduler.
 */
export function unsetPath<T>(obj: T, path: string): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined || !obj || typeof obj !== 'object') return obj;
  const o = { ...(obj as Record<string, unknown>) };
  if (rest.length === 0) delete o[head];
  else {
    const child = unsetPath(o[head], rest.join('.'));
    const empty = child && typeof child === 'object' && Object.keys(child).length === 0;
    if (empty && rest.length === 1) delete o[head];
    else o[head] = child;
  }
  return o as T;
}
