/** A row of the side-by-side comparison (ComparisonTable on screen, compareCsv on disk). */
import type { MetricId } from '@shared/metrics';

/** The 80% error band around a value, in the value's base unit (serving/bands.ts bandRange). */
export interface ValueBand {
  lo: number;
  hi: number;
}

export interface ComparisonRow {
  id: MetricId;
  values: Array<number | null>;
  /** Per value: a detail after it ("61.4 GB of 80 GB"), or why it is missing ("no price"). */
  notes?: Array<string | null>;
  /** Per value: its error band, where the engine gives the metric one (null: none). */
  bands?: Array<ValueBand | null>;
}
