/**
 * What binds an operator or a step: the roofline side (compute or memory, on the device or the
 * host), communication, or the fixed per-step overhead. An operator's time is
 * max(FLOPs ÷ achievable FLOP/s, bytes ÷ achievable B/s) (operators.ts records both sides).
 */
export type Bound = 'compute' | 'memory' | 'communication' | 'overhead' | 'host-memory' | 'host-compute';

/** The sentence a result gives for what binds its step. */
export const BOUND_TEXT: Record<Bound, string> = {
  compute: 'Compute-bound: the matmuls need more FLOP/s than the devices deliver.',
  memory: 'Memory-bandwidth-bound: each step reads weights and KV cache faster than anything else.',
  communication: 'Communication-bound: all-reduce / all-to-all traffic sets the pace.',
  overhead: 'Overhead-bound: per-step launch and scheduling overhead dominates at this batch.',
  'host-memory': 'Host-memory-bound: offloaded experts are read from DDR at CPU bandwidth.',
  'host-compute': 'Host-compute-bound: offloaded experts run on the CPU.',
};
