/// <reference lib="webworker" />
// The engine's one worker script: the plan evaluator (typing in the editor never waits for
// arithmetic) and the sizing search's shares run from the same file, so the engine's code is
// fetched and compiled once however many workers the app starts. The Validation page's table is
// computed here too.
import { engineCatalog } from '@presets/engine-catalog';
import { evaluateRequest } from './evaluate';
import type { EvaluateRequest, ValidateRequest, ValidateResponse } from './protocol';
import { VALIDATION_CASES } from '@shared/validation/cases';
import { runValidation } from '@shared/validation/run';
import { handleSearch, isSearchRequest } from './search-handler';
import type { SearchRequest } from './search-protocol';

const isValidateRequest = (m: unknown): m is ValidateRequest =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'validate';

self.onmessage = (e: MessageEvent<EvaluateRequest | SearchRequest | ValidateRequest>) => {
  const m = e.data;
  // The engine's catalog (presets and the measured kernel profiles), as the CLI evaluates plans.
  if (isValidateRequest(m)) {
    const reply: ValidateResponse = { id: m.id, validation: runValidation(VALIDATION_CASES, engineCatalog()) };
    self.postMessage(reply);
  } else if (isSearchRequest(m)) handleSearch(m, engineCatalog());
  else self.postMessage(evaluateRequest(m, engineCatalog()));
};
