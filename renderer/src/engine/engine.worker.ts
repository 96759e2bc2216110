/// <reference lib="webworker" />
// The engine's one worker script: the plan evaluator (typing in the editor never waits for
// arithmetic) and the sizing search's shares run from the same file, so the engine's code is
// fetched and compiled once however many workers the app starts.
import { engineCatalog } from '@presets/engine-catalog';
import { evaluateRequest } from './evaluate';
import type { EvaluateRequest } from './protocol';
import { handleSearch, isSearchRequest } from './search-handler';
import type { SearchRequest } from './search-protocol';

self.onmessage = (e: MessageEvent<EvaluateRequest | SearchRequest>) => {
  const m = e.data;
  // The engine's catalog (presets and the measured kernel profiles), as the CLI evaluates plans.
  if (isSearchRequest(m)) handleSearch(m, engineCatalog());
  else self.postMessage(evaluateRequest(m, engineCatalog()));
};
