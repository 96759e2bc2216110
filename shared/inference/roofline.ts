/**
 * What binds an operator or a step: the roofline side (compute or memory, on the device or the
 * host), communication, or the fixed per-step overhead. An operator's time is
 * max(FLOPs ÷ achievable FLOP/s, bytes ÷ achievable B/s) (operators.ts records both sides).
 */
export type Bound = 'compute' | 'memory' | 'communication' | 'overhead' | 'host-memory' | 'host-compute';
