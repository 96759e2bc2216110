/**
 * Batch-aware expert activation. With top-k routing over E experts and n tokens, the expected
 * number of distinct experts touched is E × (1 − (1 − k/E)^n): neither all experts nor just k.
 * (Each expert is missed by one token with probability 1 − k/E, assuming balanced routing.)
 * The hottest expert sets the pace: its token count is the mean × a load-imbalance factor.
 */
export function expectedDistinctExperts(experts: number, topK: number, tokens: number): number {
  if (tokens <= 0) return 0;
  return experts * (1 - Math.pow(1 - topK / experts, tokens));
}
