/** Values by the unit labels explain traces carry: the engine's one formatter (shared/explain.ts). */
export { formatTraceValue as formatValue } from '@shared/explain';
