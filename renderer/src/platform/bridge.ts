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
    openExternal: async (url) => {
      const r = await bridge.openExternal({ url });
      return r.ok ? { opened: true as const } : { opened: false as const, reason: r.message };
    },
    onOpenedFiles: (listener) => {
      const pull = (): void => void bridge.takeOpenedFiles().then((files) => files.length && listener(files));
      pull(); // files given at launch, queued before the page listened
      return bridge.onFileOpened(pull);
    },
    describe: async () => {
      const i = await bridge.appInfo();
      return `${i.name} ${i.version} · Electron ${i.electron} · ${i.platform}`;
    },
  } satisfies Platform;
}
