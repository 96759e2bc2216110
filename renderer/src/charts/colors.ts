/** A stable colour per plan: the same plan keeps its colour on every chart and page. */
const PALETTE = ['#2f6fdb', '#d9480f', '#2b8a3e', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

export function planColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export const PART_COLORS = {
  compute: '#2f6fdb',
  memory: '#e8590c',
  communication: '#9c36b5',
  overhead: '#868e96',
  bubble: '#f59f00',
  weights: '#2f6fdb',
  kvCache: '#e8590c',
  activations: '#2b8a3e',
  reserve: '#adb5bd',
  gradients: '#9c36b5',
  optimizer: '#c2255c',
} as const;
