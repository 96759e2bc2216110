/**
 * AIConfigurator's system names → this project's accelerator and system presets, and version
 * ordering for its stack versions (1.3.0rc20 < 1.3.0rc23 < 1.3.0; 0.5.6.post2 > 0.5.6).
 */
export const aicSystems: Record<string, { acceleratorId: string; systemIds: string[] }> = {
  a100_sxm: { acceleratorId: 'a100-sxm-80gb', systemIds: [] },
  h100_sxm: { acceleratorId: 'h100-sxm', systemIds: ['hgx-h100'] },
  h200_sxm: { acceleratorId: 'h200-sxm', systemIds: ['hgx-h200'] },
  b200_sxm: { acceleratorId: 'b200', systemIds: ['dgx-b200'] },
  b300_sxm: { acceleratorId: 'b300', systemIds: ['hgx-b300'] },
  gb200: { acceleratorId: 'gb200', systemIds: ['gb200-nvl72'] },
  gb300: { acceleratorId: 'gb300', systemIds: ['gb300-nvl72'] },
  l40s: { acceleratorId: 'l40s', systemIds: [] },
  rtx_pro_6000_server: { acceleratorId: 'rtx-pro-6000-blackwell', systemIds: ['rtx-pro-6000-8gpu-server'] },
};

export const isDevVersion = (v: string): boolean => /dev/.test(v);

/** A version as [release numbers…, suffix rank, suffix number]: rc < release < post; dev first. */
function key(v: string): number[] {
  const m = /^([\d.]*\d)(?:\.?(rc|post|dev)(\d*))?/.exec(v);
  const nums = (m?.[1] ?? '0').split('.').map(Number);
  while (nums.length < 4) nums.push(0);
  const rank = m?.[2] === 'rc' ? -1 : m?.[2] === 'post' ? 1 : m?.[2] === 'dev' ? -2 : 0;
  return [...nums, rank, Number(m?.[3] || 0)];
}

/** Release order: 1.3.0rc20 < 1.3.0rc23 < 1.3.0 < 1.3.0.post1. */
export function compareVersions(a: string, b: string): number {
  const x = key(a);
  const y = key(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a.localeCompare(b);
}
