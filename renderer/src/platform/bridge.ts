import type { ElectronBridge } from '@shared/ipc/channels';
import type { Platform } from './platform';

export function electronPlatform(bridge: ElectronBridge): Platform {
  return {
    kind: 'electron',
    saveFile: (suggestedName, contents, filters = [], encoding = 'utf8') =>
      bridge.saveFile({ suggestedName, contents, filters, encoding }),
    openFile: (filters = []) => bridge.openFile({ filters }),
    exportPdf: (suggestedName, pageSize = 'A4') => bridge.exportPdf({ suggestedName, pageSize }),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    openExternal: async (url) => (await bridge.openExternal({ url })).ok,
    describe: async () => {
      const i = await bridge.appInfo();
      return `${i.name} ${i.version} · Electron ${i.electron} · ${i.platform}`;
    },
  } satisfies Platform;
}
