/// <reference lib="webworker" />
// The engine runs here so typing in the editor never waits for arithmetic.
import { evaluateRequest } from './evaluate';
import type { EvaluateRequest } from './protocol';

self.onmessage = (e: MessageEvent<EvaluateRequest>) => {
  self.postMessage(evaluateRequest(e.data));
};
