/**
 * Words for a searched configuration — its devices, layout, precision and serving options — as a
 * user reads them; the app, its report and the CLI say the same thing.
 */
import type { Binding, Miss } from './judge';
import type { SearchContext } from './search-context';
import type { Candidate } from './space';
import type { RankedEntry } from './summary';
import { kvFormatLabel } from '../precision';
import { formatBatch, formatCountOf, formatRate, formatSeconds, formatUsd } from '../units';

/** The fewest redundant experts that make EP divide the routed experts plus them (0 when EP divides them). */
export function redundantExperts(sc: Pick<SearchContext, 'model'>, c: Pick<Candidate, 'ep'>): number {
  const routed = sc.model.moe?.numRoutedExperts ?? 0;
  return c.ep > 1 && routed > 0 ? Math.ceil(routed / c.ep) * c.ep - routed : 0;
}

export function layoutText(c: Candidate, sc?: Pick<SearchContext, 'model'>): string {
  const parts = [`TP${c.tp}`];
  if (c.pp > 1) parts.push(`PP${c.pp}`);
  if (c.dp > 1) parts.push(`DP${c.dp}`);
  const extra = sc ? redundantExperts(sc, c) : 0;
  if (c.ep > 1) parts.push(`EP${c.ep}${extra ? ` (+${extra} redundant experts)` : ''}`);
  else if (c.dp > 1 && sc?.model.moe) parts.push(`experts TP${c.tp * c.dp}`);
  return parts.join(' ');
}

export function precisionText(c: Candidate): string {
  return `${c.weights.toUpperCase()} weights, ${c.compute.toUpperCase()} compute, ${kvFormatLabel(c.kvCache)} KV`;
}

const STACK_NAMES: Record<Candidate['stack'], string> = {
  generic: 'generic',
  trtllm: 'TensorRT-LLM',
  sglang: 'SGLang',
  vllm: 'vLLM',
};

/** " on HGX A100" when the prefill pool runs on another system than decode's, else ''. */
const prefillOn = (c: Candidate, sc?: SearchContext): string =>
  c.prefillSystemId === c.systemId ? '' : ` on ${sc ? systemShort(sc, c.prefillSystemId) : c.prefillSystemId}`;

export function servingText(c: Candidate, sc?: SearchContext): string {
  const s: string[] = [];
  if (c.stack !== 'generic') s.push(STACK_NAMES[c.stack]);
  if (c.disaggregated)
    s.push(
      `prefill:decode ${c.prefillDevices}:${c.decodeDevices} devices${c.prefillTp > 0 ? ` (prefill TP1, attention DP${c.prefillDevices}, EP${c.prefillDevices})` : ''}${prefillOn(c, sc)}`,
    );
  if (c.spec) s.push(`speculative ×${c.spec.draftTokens} (${Math.round(c.spec.acceptanceRate * 100)}% accepted)`);
  if (c.kvOffload) s.push('KV offload');
  if (c.dual) s.push('dual micro-batch');
  return s.join(', ');
}

export const systemName = (sc: SearchContext, id: string): string => sc.systems.get(id)?.sys.name ?? id;

/** The system's name without its parenthesised detail: "HGX H100". */
export const systemShort = (sc: SearchContext, id: string): string =>
  systemName(sc, id).replace(/\s*\([^)]*\)\s*$/, '');

/** The accelerator without the vendor's marketing prefix: "H100 SXM 80GB". */
export const deviceName = (sc: SearchContext, id: string): string =>
  (sc.systems.get(id)?.acc.name ?? id).replace(/^NVIDIA\s+(GeForce\s+)?/, '');

/** "2 × H100 SXM 80GB (HGX H100)"; two systems: "8 × H100 SXM 80GB (HGX H100) + 4 × A100 SXM 80GB (HGX A100)". */
export const devicesText = (sc: SearchContext, c: Candidate): string => {
  const on = (n: number, id: string): string => `${n} × ${deviceName(sc, id)} (${systemShort(sc, id)})`;
  return c.prefillSystemId === c.systemId
    ? on(c.devices, c.systemId)
    : `${on(c.decodeDevices, c.systemId)} + ${on(c.prefillDevices, c.prefillSystemId)}`;
};

/** "2 × H100 SXM 80GB (HGX H100) · TP2 · FP8 weights, BF16 compute, BF16 KV · prefill:decode 4:8". */
export function configText(sc: SearchContext, c: Candidate): string {
  return [devicesText(sc, c), layoutText(c, sc), precisionText(c), servingText(c, sc)].filter(Boolean).join(' · ');
}

/** The same, shorter, for table rows: "2 × H100 SXM 80GB (HGX H100) · TP2 · FP8/BF16, KV BF16 · P:D 8:16". */
export function compactText(sc: SearchContext, c: Candidate): string {
  const prec = `${c.weights.toUpperCase()}/${c.compute.toUpperCase()}, KV ${kvFormatLabel(c.kvCache)}`;
  const serving = [
    c.disaggregated &&
      `P:D ${c.prefillDevices}:${c.decodeDevices}${c.prefillTp > 0 ? ' (P TP1 DP-attn)' : ''}${prefillOn(c, sc)}`,
    c.spec && `spec ×${c.spec.draftTokens}`,
    c.kvOffload && 'KV offload',
  ].filter(Boolean);
  return [devicesText(sc, c), layoutText(c), prec, ...serving].join(' · ');
}

/** "$992.00/h"; without an hourly price, the purchase price if known: "no hourly price ($1599.00 to buy)". */
/** "3 copies × 8 × H200 SXM 141GB (HGX H200), TP8 per copy, FP8 weights …, mean batch 96 per copy". */
export function answerText(sc: SearchContext, e: RankedEntry): string {
  const c = e.cand;
  const serving = servingText(c, sc);
  return `${formatCountOf(e.verdict.replicas, 'copy', 'copies')} × ${devicesText(sc, c)}, ${layoutText(c, sc)} per copy, ${precisionText(c)}${serving ? `, ${serving}` : ''}${e.at ? `, mean batch ${formatBatch(e.at.batch)} per copy` : ''}`;
}

/** The answer's heading: cheapest when the search had prices, fewest devices when not; "so far" while it runs. */
export function answerHeading(usdPerHour: number | null, final = true): string {
  if (usdPerHour === null) return final ? 'Fewest devices meeting your SLOs' : 'Fewest devices so far';
  return final ? 'Cheapest meeting your SLOs' : 'Cheapest so far';
}

export function priceText(usdPerHour: number | null, capexUSD: number | null): string {
  if (usdPerHour !== null) return `${formatUsd(usdPerHour)}/h`;
  return capexUSD !== null ? `no hourly price (${formatUsd(capexUSD)} to buy)` : 'no price known';
}

function missText(m: Miss, sc: SearchContext): string {
  const v = formatSeconds(m.valueS ?? 0);
  const t = formatSeconds(m.targetS ?? 0);
  switch (m.objective) {
    case 'queue':
      return 'the prefill queue saturates (prompts arrive faster than they are prefilled)';
    case 'tpot':
      return `TPOT ${v} > the ${t} objective`;
    case 'ttft':
      return `TTFT ${sc.spec.slo.ttftPercentile} ${v} > the ${t} objective`;
    case 'e2e':
      return `end-to-end ${v} > the ${t} objective`;
  }
}

/** "the next batch swept, 96 sequences per copy: TPOT 52 ms > the 50 ms objective", or the memory limit. */
export function bindingText(sc: SearchContext, b: Binding): string {
  if (b.kind === 'memory') return `memory: no batch above ${b.batch.toLocaleString('en-US')} sequences per copy fits`;
  const why = b.misses.length ? b.misses.map((m) => missText(m, sc)).join('; ') : 'it carries no more requests/s';
  return `the next batch swept, ${b.batch.toLocaleString('en-US')} sequences per copy: ${why}`;
}

/** The load a ranked deployment carries; with concurrent users, how their think time and the latency give it. */
export function loadText(sc: SearchContext, e: RankedEntry): string {
  const l = sc.spec.workload.load;
  const rate = formatRate(e.verdict.lambdaTotal, 'requests/s');
  if (l.mode !== 'concurrent-users' || !e.at) return rate;
  const latency = e.at.ttftMeanS + sc.outputMean * e.at.tpotS;
  return `${l.users.toLocaleString('en-US')} users × one request per (${formatSeconds(l.thinkTimeS)} thinking + ${formatSeconds(latency)} waiting) = ${rate}`;
}
