/**
 * What a result says about its model's architecture (shared/inference/result-facts.ts): a
 * diffusion sampler beside the same model decoded autoregressively, a BLT per byte and per
 * equivalent token, the vision tower's and sparse attention's shares — and the prefill step's
 * operator table where those operators live (the vision tower, a diffusion LM's full forward,
 * a BLT's latent), and a BLT's other parts' generation steps (local encoder, entropy model, latent).
 */
import { resultFacts } from '@shared/inference/result-facts';
import type { InferenceResult } from '@shared/inference/evaluate';
import { FactsTable } from '../components/FactsTable';
import { OperatorTable } from './OperatorTable';

const PREFILL_TITLE = (r: InferenceResult): string =>
  r.diffusion
    ? 'Diffusion full forward (prompt + answer), operator by operator'
    : r.blt
      ? 'Latent transformer prefill (over patches), operator by operator'
      : 'Prefill step (TTFT), operator by operator';

export function ArchitectureResults({ r }: { r: InferenceResult }) {
  const facts = resultFacts(r);
  const showPrefill =
    !!r.diffusion || !!r.blt || r.prefill.ops.some((o) => o.block === 'vision' || o.id.startsWith('attn.sparse.'));
  return (
    <>
      <FactsTable title="Architecture" facts={facts} testId="result-architecture" />
      {showPrefill && <OperatorTable title={PREFILL_TITLE(r)} ops={r.prefill.ops} stepS={r.prefill.total} />}
      {r.blt?.partSteps
        .filter((p) => p.name !== 'local decoder') // the decode step's own table above is the local decoder's
        .map((p) => (
          <OperatorTable
            key={p.name}
            title={`${p.name[0]!.toUpperCase()}${p.name.slice(1)}: one generation step (${p.unit === 'patches' ? 'a patch' : 'a byte'}), operator by operator`}
            ops={p.decode.ops}
            stepS={p.decode.total}
          />
        ))}
    </>
  );
}
