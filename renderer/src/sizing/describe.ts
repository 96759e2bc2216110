/** Words and colours for a searched configuration (the words are shared with the CLI and the report). */
import type { SearchContext } from '@shared/sizing/search-context';

export {
  answerHeading,
  answerText,
  bindingText,
  compactText,
  configText,
  deviceName,
  devicesText,
  layoutText,
  loadText,
  precisionText,
  priceText,
  servingText,
  systemName,
  systemShort,
} from '@shared/sizing/describe';

const PALETTE = ['#2f6fdb', '#d9480f', '#2b8a3e', '#9c36b5', '#0c8599', '#c2255c', '#5c940d', '#e8590c'];
/** A colour per system, by its place in the spec's shortlist (distinct for up to eight systems). */
export function systemColor(sc: SearchContext, id: string): string {
  const i = sc.spec.constraints.systems.indexOf(id);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length]!;
}
