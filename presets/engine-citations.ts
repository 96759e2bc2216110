/**
 * Engine modules that cite documents for their formulas or constants (not presets): the Sources
 * page lists them as "engine" beside the presets and validation cases that cite each document.
 */
import type { Citation } from '../shared/source';
import { GGUF_SOURCES } from '../shared/model/gguf';
import { SPARSE_ATTENTION_SOURCES } from '../shared/model/sparse-attention';
import { VISION_SOURCES } from '../shared/model/vision';
import { BLT_SOURCES } from '../shared/model/blt';
import { DIFFUSION_SOURCES } from '../shared/inference/diffusion';
import { BENCHMARK_SOURCES } from '../shared/serving/benchmark';
import { DISAGG_SOURCES } from '../shared/serving/engine-loop-disagg';
import { MOE_SOURCES } from '../shared/inference/moe';
import { MEMORY_RESERVE_SOURCES } from '../shared/inference/memory-reserve';
import { STACK_DEFAULT_SOURCES } from '../shared/serving/stack-defaults';
import { TOKENIZE_SOURCES } from '../shared/serving/scheduler';

export interface EngineCitations {
  /** The module, as a repository path. */
  id: string;
  name: string;
  cites: readonly Citation[];
}

export const ENGINE_CITATIONS: readonly EngineCitations[] = [
  { id: 'shared/model/gguf.ts', name: 'GGUF formats: bytes per tensor as llama.cpp quantises', cites: GGUF_SOURCES },
  {
    id: 'shared/model/sparse-attention.ts',
    name: 'Sparse attention: DSA indexer and top-k, NSA branches',
    cites: SPARSE_ATTENTION_SOURCES,
  },
  { id: 'shared/model/vision.ts', name: 'Vision towers: tokens per image, encoder FLOPs', cites: VISION_SOURCES },
  { id: 'shared/model/blt.ts', name: 'Byte Latent Transformer: parts, FLOPs per byte', cites: BLT_SOURCES },
  {
    id: 'shared/inference/diffusion.ts',
    name: 'Diffusion LMs: the sampler as steps × bidirectional forwards',
    cites: DIFFUSION_SOURCES,
  },
  {
    id: 'shared/serving/benchmark.ts',
    name: 'Serving benchmarks: the requests a closed loop sends',
    cites: BENCHMARK_SOURCES,
  },
  {
    id: 'shared/serving/stack-defaults.ts',
    name: 'Serving schedulers: defaults by release, model and device',
    cites: STACK_DEFAULT_SOURCES,
  },
  {
    id: 'shared/inference/moe.ts',
    name: 'Mixture of experts: experts tensor-parallel over the DP ranks without EP',
    cites: MOE_SOURCES,
  },
  {
    id: 'shared/inference/memory-reserve.ts',
    name: 'Memory per device: the runtime reserve as each stack keeps it by default',
    cites: MEMORY_RESERVE_SOURCES,
  },
  {
    id: 'shared/serving/engine-loop-disagg.ts',
    name: 'Disaggregated serving: the client’s first token from the decode worker',
    cites: DISAGG_SOURCES,
  },
  {
    id: 'shared/serving/scheduler.ts',
    name: 'Serving requests: host time to tokenize each prompt token',
    cites: TOKENIZE_SOURCES,
  },
];
