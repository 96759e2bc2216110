/**
 * The application's keyboard shortcuts, once: the Electron menu shows them as accelerators and
 * handles them itself; the web build's key handler (renderer/src/app/shortcuts.ts) reads the same
 * table. Free of dependencies, like channels.ts, so any process can import it.
 */
import type { MenuCommand } from './channels';

export interface MenuShortcut {
  command: MenuCommand;
  /** The menu item's label. */
  label: string;
  /** Electron's accelerator syntax: modifiers joined by "+", the key last. */
  accelerator: string;
}

/** The File menu's commands with their shortcuts, in menu order. */
export const FILE_SHORTCUTS: readonly MenuShortcut[] = [
  { command: 'new-plan', label: 'New Plan', accelerator: 'CmdOrCtrl+N' },
  { command: 'open', label: 'Open…', accelerator: 'CmdOrCtrl+O' },
  { command: 'save-as', label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S' },
  { command: 'export-pdf', label: 'Export PDF…', accelerator: 'CmdOrCtrl+P' },
];

export interface KeyChord {
  /** The key, lower case ("s"). */
  key: string;
  /** Ctrl on Windows and Linux, Cmd on macOS (either is accepted). */
  cmdOrCtrl: boolean;
  shift: boolean;
  alt: boolean;
}

/** An accelerator ("CmdOrCtrl+Shift+S") as the chord a key event is matched against. */
export function chordOf(accelerator: string): KeyChord {
  const parts = accelerator.split('+');
  const mods = new Set(parts.slice(0, -1).map((m) => m.toLowerCase()));
  return {
    key: (parts.at(-1) ?? '').toLowerCase(),
    cmdOrCtrl: mods.has('cmdorctrl') || mods.has('commandorcontrol'),
    shift: mods.has('shift'),
    alt: mods.has('alt'),
  };
}
