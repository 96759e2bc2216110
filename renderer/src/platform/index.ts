import type { ElectronBridge } from '@shared/ipc/channels';
import { electronPlatform } from './bridge';
import type { Platform } from './platform';
import { webPlatform } from './web';

declare global {
  interface Window {
    clusterPlanner?: ElectronBridge;
  }
}

export function detectPlatform(): Platform {
  return window.clusterPlanner ? electronPlatform(window.clusterPlanner) : webPlatform();
}

export type { Platform } from './platform';
