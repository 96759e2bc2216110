/**
 * AIConfigurator's system folder names → this project's accelerator and system presets: whose
 * datasheet peaks a converted profile is expressed against, and on which systems its measured
 * collectives apply. A folder not listed here (a100_pcie, h100_pcie, a30, b60, …) has no preset
 * to map to and is skipped by the importer, which says so.
 */
export const AIC_SYSTEMS: Readonly<Record<string, { acceleratorId: string; systemIds: readonly string[] }>> = {
  a100_sxm: { acceleratorId: 'a100-sxm-80gb', systemIds: ['hgx-a100'] },
  h100_sxm: { acceleratorId: 'h100-sxm', systemIds: ['hgx-h100'] },
  h200_sxm: { acceleratorId: 'h200-sxm', systemIds: ['hgx-h200'] },
  b200_sxm: { acceleratorId: 'b200', systemIds: ['dgx-b200'] },
  b300_sxm: { acceleratorId: 'b300', systemIds: ['hgx-b300'] },
  gb200: { acceleratorId: 'gb200', systemIds: ['gb200-nvl72'] },
  gb300: { acceleratorId: 'gb300', systemIds: ['gb300-nvl72'] },
  l40s: { acceleratorId: 'l40s', systemIds: [] },
  rtx_pro_6000_server: { acceleratorId: 'rtx-pro-6000-blackwell', systemIds: ['rtx-pro-6000-8gpu-server'] },
};
