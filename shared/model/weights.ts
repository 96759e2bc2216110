/**
 * Weight memory: parameters × bits per element of the chosen format (block scales included,
 * see precision.ts). Embeddings and norms usually stay in higher precision; `keepHighPrecision`
 * lets a plan keep them in BF16 while the matmul weights use a compact format. GGUF formats are
 * laid out tensor by tensor as llama.cpp quantises them (gguf.ts): the embeddings in the base
 * type, the output head in Q6_K, some attn_v and ffn_down tensors upgraded, norms in F32.
 */
import { input, trace, type Trace } from '../explain';
import { bytesPerElement, FORMATS, type NumericFormat } from '../precision';
import type { Bytes } from '../units';
import { countParams, type ParamCounts } from './params';
import { ggufBytes } from './gguf';
import type { ModelArchitecture } from '../schema/model';

export interface WeightBytesOptions {
  groupSize?: number;
  /** Keep embeddings, output head and norms in BF16 (default true for formats below 8 bits). */
  keepHighPrecision?: boolean;
  includeMtp?: boolean;
}

export function weightBytes(
  m: ModelArchitecture,
  format: NumericFormat,
  opts: WeightBytesOptions = {},
  params: ParamCounts = countParams(m),
): { bytes: Bytes; trace: Trace } {
  const g = opts.includeMtp ? null : ggufBytes(m, format);
  if (g)
    return {
      bytes: g.total as Bytes,
      trace: trace(
        `Weights in ${FORMATS[format].label}`,
        'Σ tensors params × bits of the type llama.cpp gives each tensor ÷ 8',
        g.total,
        'bytes',
        [
          input('parameters', params.total, 'params'),
          input('base type', FORMATS[format].gguf!.base, undefined, FORMATS[format].note),
          input('bits per weight, whole file', g.bitsPerWeight),
          input('output head (Q6_K unless Q8_0)', g.lmHead || g.embeddings, 'bytes'),
        ],
      ),
    };
  const bpe = bytesPerElement(format, opts.groupSize);
  const keep = opts.keepHighPrecision ?? FORMATS[format].bitsPerElement(opts.groupSize) < 8;
  const c = params.byComponent;
  const high = keep ? c.embeddings + c.lmHead + c.norms : 0;
  const all = params.total + (opts.includeMtp ? params.mtp : 0);
  const compact = all - high;
  const bytes = (compact * bpe + high * 2) as Bytes;
  return {
    bytes,
    trace: trace(
      `Weights in ${FORMATS[format].label}`,
      keep ? 'matmul params × bytes/element + (embeddings + head + norms) × 2 B' : 'params × bytes/element',
      bytes,
      'bytes',
      [
        input('parameters', all, 'params'),
        input('bytes per element', bpe, 'bytes', FORMATS[format].note),
        ...(keep ? [input('kept in BF16', high, 'params')] : []),
      ],
    ),
  };
}
