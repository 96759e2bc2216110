// The validation table as the CLI's `validate` computes it: every case with the engine's catalog
// (presets, the measured kernel profiles and error bands), off the page's thread.
import { engineCatalog } from '@presets/engine-catalog';
import { VALIDATION_CASES } from '@shared/validation/cases';
import { runValidation } from '@shared/validation/run';

self.onmessage = () => self.postMessage(runValidation(VALIDATION_CASES, engineCatalog()));
