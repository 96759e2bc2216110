/**
 * Serving-stack versions in release order: 1.3.0rc20 < 1.3.0rc23 < 1.3.0 < 1.3.0.post1 (PEP 440
 * style, as TensorRT-LLM, SGLang and vLLM number their releases); development builds first.
 */
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
