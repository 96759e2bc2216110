import { useEffect } from 'react';
import type { MenuCommand } from '@shared/ipc/channels';
import { chordOf, FILE_SHORTCUTS } from '@shared/ipc/shortcuts';

const CHORDS = FILE_SHORTCUTS.map((s) => ({ command: s.command, chord: chordOf(s.accelerator) }));

/** The menu command a key press gives in the web build (Electron's menu handles its accelerators itself). */
export function commandForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): MenuCommand | null {
  const cmdOrCtrl = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const hit = CHORDS.find(
    ({ chord }) =>
      chord.key === key && chord.cmdOrCtrl === cmdOrCtrl && chord.shift === e.shiftKey && chord.alt === e.altKey,
  );
  return hit?.command ?? null;
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
