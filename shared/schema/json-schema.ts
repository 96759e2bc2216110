/** The plan file format as JSON Schema (draft 2020-12), generated from the zod schema. */
import { z } from 'zod';
import { Plan } from './plan';

export function planJsonSchemaText(): string {
  const schema = z.toJSONSchema(Plan, { io: 'input', unrepresentable: 'any' });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: 'https://cluster-planner.local/plan.schema.json',
        title: 'Cluster Planner plan file (.clusterplan.json)',
      },
      null,
      2,
    ) + '\n'
  );
}
