import { useEffect } from 'react';
import type { MenuCommand } from '@shared/ipc/channels';

/** Keyboard shortcuts matching the application menu's accelerators (web build; Electron's menu
 * handles them itself). */
export function commandForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): MenuCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'n' && !e.shiftKey) return 'new-plan';
  if (k === 'o' && !e.shiftKey) return 'open';
  if (k === 's' && e.shiftKey) return 'save-as';
  if (k === 'p' && !e.shiftKey) return 'export-pdf';
  return null;
}

export function useShortcuts(enabled: boolean, run: (cmd: MenuCommand) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      const cmd = commandForKey(e);
      if (cmd) {
        e.preventDefault();
        run(cmd);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, run]);
}
