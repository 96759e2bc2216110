/**
 * Validated access to the bundled presets. Parsing happens once, lazily; a bad preset throws with
 * its id and the field (the preset tests catch that before it ships).
 */
import { parseModel, type ModelArchitecture } from '../shared/model/schema';
import { MODEL_PRESETS_RAW } from './index';

let models: ModelArchitecture[] | null = null;

export function modelPresets(): ModelArchitecture[] {
  models ??= MODEL_PRESETS_RAW.map((raw, i) => parseModel(raw, `presets/models[${(raw as { id?: string }).id ?? i}]`));
  return models;
}

export function findModel(id: string): ModelArchitecture | undefined {
  return modelPresets().find((m) => m.id === id);
}
