// Writes docs/plan.schema.json: the JSON Schema of `.clusterplan.json` files, generated from the
// zod schema (shared/plan/schema.ts) so the two cannot drift. A unit test checks it is current.
import { writeFileSync } from 'node:fs';
import { planJsonSchemaText } from '../shared/schema/json-schema';

writeFileSync(new URL('../docs/plan.schema.json', import.meta.url), planJsonSchemaText());
console.log('wrote docs/plan.schema.json');
