/**
 * `cluster-planner model <preset-id | config.json> [--seq 4096] --json` and `models --json`.
 * Output field names are a public contract (README "CLI contract"): keep them stable.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { findModel, modelPresets } from '../../presets/load';
import { citeText } from '../../presets/sources';
import {
  countParams,
  importHfConfig,
  kvBytesPerToken,
  trainingFlopsPerToken,
  weightBytes,
  type ModelArchitecture,
} from '../../shared/model';
import { formatBytes, formatFlop, formatParams } from '../../shared/units';
import { readInputFile } from '../files';
import { architectureFacts } from '../../shared/model/architecture-facts';
import { CliError, numFlag, printJson, printPairs, printTable, type ParsedArgs } from '../format';

export function resolveModel(ref: string | undefined): ModelArchitecture {
  if (!ref) throw new CliError('Name a model: a preset id (see `cluster-planner models`) or a path to a config.json');
  const preset = findModel(ref);
  if (preset) return preset;
  if (existsSync(ref)) {
    const text = readInputFile(ref);
    try {
      return importHfConfig(
        text,
        basename(ref)
          .replace(/\.json$/, '')
          .replace(/^config$/, 'imported-model'),
      );
    } catch (e) {
      throw new CliError(`${ref}: ${(e as Error).message.replace(/^config\.json: /, '')}`);
    }
  }
  throw new CliError(
    `"${ref}" is neither a model preset id nor a file. Preset ids: ${modelPresets()
      .map((m) => m.id)
      .join(', ')}`,
  );
}

export function modelSummary(m: ModelArchitecture, seq: number) {
  const p = countParams(m);
  return {
    id: m.id,
    name: m.name,
    totalParams: p.total,
    activeParams: p.active,
    mtpParams: p.mtp,
    kvBytesPerToken: kvBytesPerToken(m, 'bf16').bytesPerToken,
    seqTokens: seq,
    trainingFlopsPerToken: trainingFlopsPerToken(m, seq, p).total,
    weightBytes: {
      bf16: weightBytes(m, 'bf16', {}, p).bytes,
      fp8: weightBytes(m, 'fp8', {}, p).bytes,
      int4: weightBytes(m, 'int4', {}, p).bytes,
    },
    source: citeText(m.source),
    kind: m.kind,
    architecture: architectureFacts(m),
  };
}

export function runModel(args: ParsedArgs): number {
  const m = resolveModel(args.positional[1]);
  const seq = numFlag(args, 'seq', 4096);
  if (!(seq >= 1 && seq <= 1 << 27)) throw new CliError('--seq must be between 1 and 134,217,728 tokens');
  const s = modelSummary(m, seq);
  if (args.flags.has('json')) printJson(s);
  else
    printPairs([
      ['model', `${s.name} (${s.id})`],
      ['total parameters', formatParams(s.totalParams)],
      ['active parameters', formatParams(s.activeParams)],
      ['KV cache per token (BF16)', formatBytes(s.kvBytesPerToken)],
      [`training FLOPs per token (seq ${seq})`, formatFlop(s.trainingFlopsPerToken)],
      [
        'weights BF16 / FP8 / INT4',
        `${formatBytes(s.weightBytes.bf16)} / ${formatBytes(s.weightBytes.fp8)} / ${formatBytes(s.weightBytes.int4)}`,
      ],
      ...s.architecture.map((f): [string, string] => [f.label, f.note ? `${f.value} (${f.note})` : f.value]),
      ['source', s.source],
    ]);
  return 0;
}

export function runModels(args: ParsedArgs): number {
  const list = modelPresets();
  if (args.flags.has('json')) printJson(list.map((m) => m.id));
  else printTable(list.map((m) => ({ id: m.id, name: m.name, params: formatParams(countParams(m).total) })));
  return 0;
}
