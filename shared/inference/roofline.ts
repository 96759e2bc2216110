/**
 * Operator roofline: time = max(FLOPs / achievable FLOP/s, bytes / achievable bandwidth).
 * Each operator records which side binds, so a result can say *why* it is slow.
 */
export type Bound = 'compute' | 'memory' | 'communication' | 'overhead' | 'host-memory' | 'host-compute';

export interface OpCost {
  name: string;
  flops: number;
  bytes: number;
  /** Seconds. */
  time: number;
  computeTime: number;
  memoryTime: number;
  bound: Bound;
  /** Arithmetic intensity, FLOP per byte. */
  intensity: number;
}

export interface Rates {
  /** Achievable FLOP/s. */
  flops: number;
  /** Achievable bytes/s. */
  bandwidth: number;
}

export function op(name: string, flops: number, bytes: number, r: Rates, host = false): OpCost {
  const computeTime = r.flops > 0 ? flops / r.flops : 0;
  const memoryTime = r.bandwidth > 0 ? bytes / r.bandwidth : 0;
  const memBound = memoryTime >= computeTime;
  return {
    name,
    flops,
    bytes,
    time: Math.max(computeTime, memoryTime),
    computeTime,
    memoryTime,
    bound: host ? (memBound ? 'host-memory' : 'host-compute') : memBound ? 'memory' : 'compute',
    intensity: bytes > 0 ? flops / bytes : Infinity,
  };
}

export function scaleOp(o: OpCost, k: number): OpCost {
  return {
    ...o,
    flops: o.flops * k,
    bytes: o.bytes * k,
    time: o.time * k,
    computeTime: o.computeTime * k,
    memoryTime: o.memoryTime * k,
  };
}
