// A closed loop with far more clients than a replica runs at once only queues: beyond
// SIMULATED_CLIENTS the benchmark simulates that many and adds the rest in closed form, so a plan
// asking for millions of concurrent requests evaluates (it simulated every request: 16.7 million
// clients did not finish). Checked against Little's law, which a saturated closed loop with no
// think time obeys in steady state (clients = throughput × mean response time): the simulation's
// first wave and two cycles sit up to ~15% below it (they start with an empty queue); each client
// beyond the limit adds exactly 1 ÷ throughput.
import { describe, expect, it } from 'vitest';
import { findPlan, presetCatalog } from '../../presets/load';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { SIMULATED_CLIENTS } from '../../shared/serving/benchmark';
import { evaluateServing } from '../../shared/serving/evaluate';

const catalog = presetCatalog();

function closedAt(clients: number) {
  const p = structuredClone(findPlan('llama-3.1-8b-h100')) as InferencePlan;
  p.inference.workload.concurrentRequests = clients;
  // Many cycles, so the loop reaches the steady state Little's law describes (the default, 1,000
  // requests, is all first wave once the clients outnumber it).
  p.inference.workload.benchmarkRequests = 10 * clients;
  const r = evaluateServing(p, resolvePlan(p, catalog), { explain: false });
  const c = r.benchmark!.closed;
  const x = c.outputTokensPerSecond / p.inference.workload.outputTokens;
  return { c, x, littles: (c.e2eS.mean * x) / clients, burst: r.benchmark!.burst };
}

describe('closed loops far beyond capacity', () => {
  it('simulated below the limit and extrapolated above it, both obey Little’s law', () => {
    const below = closedAt(1500);
    expect(below.c.simulatedClients).toBe(1500);
    expect(below.littles).toBeGreaterThan(0.8);
    expect(below.littles).toBeLessThan(1.1);
    const above = closedAt(50_000);
    const sim = above.c.simulatedClients;
    expect(sim).toBeLessThan(50_000);
    expect(sim).toBeGreaterThanOrEqual(SIMULATED_CLIENTS);
    const atLimit = closedAt(sim);
    expect(atLimit.c.simulatedClients).toBe(sim);
    const added = above.c.e2eS.mean - atLimit.c.e2eS.mean;
    expect(added / ((50_000 - sim) / atLimit.x)).toBeCloseTo(1, 2);
    expect(above.littles).toBeGreaterThan(0.9);
    expect(above.littles).toBeLessThan(1.1);
    expect(above.c.ttftS.p50).toBeGreaterThan(below.c.ttftS.p50 * 10);
  });

  it('the schema’s largest concurrency evaluates to finite numbers, the burst’s last request waiting longest', () => {
    const top = closedAt(1 << 24);
    for (const v of Object.values(top.c.ttftS)) expect(Number.isFinite(v)).toBe(true);
    expect(top.burst.ttftS.p99).toBeGreaterThan(top.burst.ttftS.p50);
    expect(top.burst.e2eS.p99).toBeGreaterThan(top.burst.ttftS.p99);
  });
});
