/**
 * Window size and position, remembered between launches. Pure functions over a tiny JSON file so
 * tests reach them without Electron; `clampToDisplays` keeps a window that was on a monitor that
 * is gone from opening off-screen.
 */
import { z } from 'zod';

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(16384),
  height: z.number().int().min(480).max(16384),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 880, maximized: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function parseWindowState(raw: string | undefined): WindowState {
  if (!raw) return DEFAULT_WINDOW_STATE;
  try {
    const r = WindowState.safeParse(JSON.parse(raw));
    return r.success ? r.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Drops the position when no display contains the window's top-left corner area. */
export function clampToDisplays(state: WindowState, displays: Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = displays.some(
    (d) => x + 100 >= d.x && y + 50 >= d.y && x + 100 <= d.x + d.width && y + 50 <= d.y + d.height,
  );
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}
