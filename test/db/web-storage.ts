/** localStorage and sessionStorage for unit tests in Node (the journal uses both). */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  /** When set, setItem throws this (a full or disabled storage). */
  failWith: Error | null = null;
  get length(): number {
    return this.m.size;
  }
  clear(): void {
    this.m.clear();
  }
  getItem(k: string): string | null {
    return this.m.get(k) ?? null;
  }
  key(i: number): string | null {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string): void {
    this.m.delete(k);
  }
  setItem(k: string, v: string): void {
    if (this.failWith) throw this.failWith;
    this.m.set(k, String(v));
  }
}

export function installWebStorage(): { local: MemoryStorage; session: MemoryStorage } {
  const local = new MemoryStorage();
  const session = new MemoryStorage();
  Object.assign(globalThis, { localStorage: local, sessionStorage: session });
  return { local, session };
}
