/**
 * Batch-aware expert activation. With top-k routing over E experts and n tokens, the expected
 * number of distinct experts touched is E × (1 − (1 − k/E)^n): neither all experts nor just k.
 * (Each expert is missed by one token with probability 1 − k/E, assuming balanced routing.)
 * The hottest expert sets the pace: its token count is the mean × a load-imbalance factor.
 */
export function expectedDistinctExperts(
  experts: number,
  topK: number,
  tokens: number,
  logMiss = logMissPerToken(experts, topK),
): number {
  if (tokens <= 0) return 0;
  return experts * missedNot(tokens, logMiss);
}

/** log(1 − k/E): the log-probability that one token misses a given expert (a family computes it once). */
export const logMissPerToken = (experts: number, topK: number): number => Math.log1p(-topK / experts);

/**
 * 1 − (1 − k/E)^n, the probability that n tokens touch a given expert, as −expm1(n·log(1 − k/E)):
 * the same number to rounding (more accurate for small n) without a fractional power per step
 * (Math.pow was the engine's hottest line).
 */
export const missedNot = (tokens: number, logMiss: number): number => (tokens > 0 ? -Math.expm1(tokens * logMiss) : 0);
