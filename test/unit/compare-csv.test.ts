import { describe, expect, it } from 'vitest';
import type { Plan } from '@shared/schema/plan';
import { compareCsv } from '../../renderer/src/compare/csv';
import type { ComparisonRow } from '../../renderer/src/compare/rows';

/** compareCsv reads only a plan's name. */
const plan = (name: string): Plan => ({ name }) as Plan;

describe('compareCsv', () => {
  const plans = [plan('Llama, 8B'), plan('Say "70B"')];
  const rows: ComparisonRow[] = [
    { id: 'tpot', values: [0.01, 0.02], bands: [{ lo: 0.009, hi: 0.012 }, null] },
    { id: 'memoryHeadroom', values: [0.5, null], notes: [null, 'cannot be evaluated'] },
  ];
  const [head, tpot, memory, end] = compareCsv(plans, rows).split('\n');

  it('gives each plan its value, then the low and high edges of its error band', () => {
    expect(head).toBe(
      'metric,unit,better,"Llama, 8B","Llama, 8B low","Llama, 8B high","Say ""70B""","Say ""70B"" low","Say ""70B"" high"',
    );
    expect(tpot).toBe('TPOT,s,lower,0.01,0.009,0.012,0.02,,');
  });

  it('leaves the edges empty where a metric has no band, and a missing value empty', () => {
    expect(memory!.split(',').slice(3)).toEqual(['0.5', '', '', '', '', '']);
    expect(end).toBe('');
  });
});
