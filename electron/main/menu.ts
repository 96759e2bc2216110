/**
 * The application menu as data. `buildMenuTemplate` is pure so a unit test checks the items and
 * accelerators; the main process turns it into an Electron Menu and sends commands to the window.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/channels';
import { FILE_SHORTCUTS } from '../../shared/ipc/shortcuts';

export function buildMenuTemplate(
  send: (cmd: MenuCommand) => void,
  platform: NodeJS.Platform,
  appName: string,
  opts: { devTools?: boolean } = {},
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ label: appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }] });
  template.push(
    {
      label: 'File',
      submenu: [
        ...FILE_SHORTCUTS.flatMap(({ command, label, accelerator }): MenuItemConstructorOptions[] => [
          ...(command === 'export-pdf' ? [{ type: 'separator' as const }] : []),
          { label, accelerator, click: () => send(command) },
        ]),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        // DevTools only in development (environment.ts): the packaged app has no way to open them.
        ...(opts.devTools ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: `About ${appName}`, click: () => send('about') }] },
  );
  return template;
}
