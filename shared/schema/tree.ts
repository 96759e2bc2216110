/**
 * Checks every parser of outside input shares, before its schema: no prototype-pollution keys
 * anywhere in the tree and a bounded depth (a schema would strip an unknown `__proto__` key and
 * never look inside a deeply nested unknown one), and a byte-order mark at the start of a file's
 * text read as what it is, not as content.
 */
export class PlanFileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'PlanFileError';
  }
}

/** Deepest nesting any input may have (the deepest real file, a workspace's plan, is about 8). */
export const MAX_TREE_DEPTH = 40;

const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Reject prototype-pollution keys anywhere in the tree and bound depth, naming the path. */
export function checkTree(x: unknown, path: string, depth: number): void {
  if (depth > MAX_TREE_DEPTH) throw new PlanFileError(path || '(root)', 'is nested too deeply');
  if (Array.isArray(x)) x.forEach((v, i) => checkTree(v, `${path}[${i}]`, depth + 1));
  else if (x && typeof x === 'object') {
    for (const k of Object.keys(x)) {
      if (HOSTILE_KEYS.has(k)) throw new PlanFileError(path ? `${path}.${k}` : k, 'is not an allowed key');
      checkTree((x as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1);
    }
  }
}

/** checkTree with the parser's label in front, as its schema errors have ("accelerator: a.b: …"). */
export function checkTreeAs(raw: unknown, label: string): void {
  try {
    checkTree(raw, '', 0);
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).message}`, { cause: e });
  }
}

/** A file's text without its UTF-8 byte-order mark (editors on Windows write one). */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
