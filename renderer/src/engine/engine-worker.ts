/**
 * The app's engine worker, started once. main.tsx starts it before the first page renders, so its
 * script loads and compiles while the page's code and the database open; the first evaluation
 * then finds it ready.
 */
let worker: Worker | null = null;

export function engineWorker(): Worker {
  worker ??= new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}
