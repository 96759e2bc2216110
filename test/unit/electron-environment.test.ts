// The main process's environment decisions and the OS-open handler, without Electron:
// DevTools and the user-data override only in development and tests; one instance, a second
// launch focusing the first and passing its file; .clusterplan.json / .cluster.json /
// .clustersearch.json files from argv or macOS's open-file read like the open dialog reads them.
import { describe, expect, it } from 'vitest';
import {
  bringToFront,
  claimSingleInstance,
  devToolsAllowed,
  userDataOverride,
  type InstanceAppPort,
} from '../../electron/main/environment';
import type { FsPort } from '../../electron/main/handlers';
import { buildMenuTemplate } from '../../electron/main/menu';
import { openableArgs, OpenedFiles, readOpenedFile } from '../../electron/main/open-files';
import type { ElectronBridge, OpenedFile } from '../../shared/ipc/channels';
import { MAX_FILE_BYTES } from '../../shared/ipc/contract';
import { electronPlatform } from '../../renderer/src/platform/bridge';

const packaged = { packaged: true };
const unpackaged = { packaged: false };
const dev = { packaged: true, devServerUrl: 'http://localhost:5173' };

describe('development and the packaged app', () => {
  it('CLUSTER_PLANNER_USER_DATA moves the user data only when not packaged (development, tests)', () => {
    const env = { CLUSTER_PLANNER_USER_DATA: '/tmp/test-profile' };
    expect(userDataOverride(env, unpackaged)).toBe('/tmp/test-profile');
    expect(userDataOverride(env, dev)).toBe('/tmp/test-profile');
    expect(userDataOverride(env, packaged)).toBeNull();
    expect(userDataOverride({}, unpackaged)).toBeNull();
  });
  it('DevTools only in development: the packaged menu has no item for them', () => {
    expect(devToolsAllowed(packaged)).toBe(false);
    expect(devToolsAllowed(unpackaged)).toBe(true);
    const roles = (devTools: boolean) =>
      JSON.stringify(buildMenuTemplate(() => undefined, 'linux', 'Cluster Planner', { devTools }));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});

function fakeApp(lock: boolean) {
  const calls: string[] = [];
  let second: ((e: unknown, argv: string[], cwd: string) => void) | null = null;
  const app: InstanceAppPort = {
    requestSingleInstanceLock: () => lock,
    quit: () => void calls.push('quit'),
    on: (_ev, l) => void (second = l),
  };
  return { app, calls, launchAgain: (argv: string[], cwd: string) => second?.({}, argv, cwd) };
}

describe('single instance', () => {
  it('a second launch quits at once; the first gets its arguments and comes to the front', () => {
    const other = fakeApp(false);
    expect(claimSingleInstance(other.app, () => undefined)).toBe(false);
    expect(other.calls).toEqual(['quit']);

    const first = fakeApp(true);
    const got: Array<[string[], string]> = [];
    expect(claimSingleInstance(first.app, (argv, cwd) => got.push([argv, cwd]))).toBe(true);
    first.launchAgain(['/opt/Cluster Planner/cluster-planner', 'plans/a.clusterplan.json'], '/home/u');
    expect(got).toEqual([[['/opt/Cluster Planner/cluster-planner', 'plans/a.clusterplan.json'], '/home/u']]);
    expect(first.calls).toEqual([]);
  });
  it('bringing the window to the front restores it when minimised', () => {
    const log: string[] = [];
    const win = (min: boolean) => ({
      isMinimized: () => min,
      restore: () => void log.push('restore'),
      show: () => void log.push('show'),
      focus: () => void log.push('focus'),
    });
    bringToFront(win(true));
    bringToFront(win(false));
    bringToFront(undefined);
    expect(log).toEqual(['restore', 'show', 'focus', 'show', 'focus']);
  });
});

function fakeFs(files: Record<string, { text?: string; size?: number; regular?: boolean }>): FsPort {
  return {
    writeFile: async () => undefined,
    readFile: async (p) => {
      const f = files[p];
      if (f?.text === undefined) throw new Error(`ENOENT: ${p}`);
      return f.text;
    },
    fileInfo: async (p) => {
      const f = files[p];
      if (!f) throw new Error(`ENOENT: no such file, stat '${p}'`);
      return { size: f.size ?? f.text?.length ?? 0, regular: f.regular ?? true };
    },
  };
}

describe('files the operating system opens', () => {
  it('takes the plan, cluster and sizing-spec files among the arguments, relative to the launch folder', () => {
    const argv = [
      '/usr/bin/electron',
      'out/main/index.js',
      '--no-sandbox',
      'a.clusterplan.json',
      '/data/b.cluster.json',
      'c.CLUSTERSEARCH.JSON',
      'notes.json',
      'd.clusterplan.json.exe',
    ];
    expect(openableArgs(argv, '/home/u')).toEqual([
      '/home/u/a.clusterplan.json',
      '/data/b.cluster.json',
      '/home/u/c.CLUSTERSEARCH.JSON',
    ]);
    expect(openableArgs(['/opt/Cluster Planner/cluster-planner'], '/')).toEqual([]);
  });
  it('reads each like the open dialog: a regular file within the limit, else the reason', async () => {
    const fs = fakeFs({
      '/p/a.clusterplan.json': { text: '{"a":1}' },
      '/p/pipe.cluster.json': { regular: false },
      '/p/big.clustersearch.json': { size: MAX_FILE_BYTES + 1 },
    });
    expect(await readOpenedFile('/p/a.clusterplan.json', fs)).toEqual({
      ok: true,
      name: 'a.clusterplan.json',
      contents: '{"a":1}',
    });
    expect(await readOpenedFile('/p/pipe.cluster.json', fs)).toEqual({
      ok: false,
      name: 'pipe.cluster.json',
      message: 'pipe.cluster.json is not a regular file.',
    });
    expect(await readOpenedFile('/p/big.clustersearch.json', fs)).toMatchObject({ ok: false, message: /limit/ });
    expect(await readOpenedFile('/p/gone.clusterplan.json', fs)).toMatchObject({ ok: false, message: /ENOENT/ });
  });
  it('queues files in the order given, tells the page each time, and hands each over once', async () => {
    const fs = fakeFs({ '/p/1.clusterplan.json': { text: 'one' }, '/p/2.cluster.json': { text: 'two' } });
    let told = 0;
    const q = new OpenedFiles(fs, () => told++);
    // Before the window exists (macOS open-file at launch): queued until the page takes it.
    await Promise.all([q.add('/p/1.clusterplan.json'), q.add('/p/2.cluster.json'), q.add('/p/evil.exe')]);
    expect(told).toBe(2);
    expect(q.take().map((f) => f.name)).toEqual(['1.clusterplan.json', '2.cluster.json']);
    expect(q.take()).toEqual([]);
  });
});

describe('the page side (renderer/src/platform/bridge.ts)', () => {
  it('takes the files queued before it listened, then each batch the main process announces', async () => {
    let queue: OpenedFile[] = [{ ok: true, name: 'at-launch.clusterplan.json', contents: '{}' }];
    let announce: () => void = () => undefined;
    const bridge = {
      takeOpenedFiles: async () => {
        const out = queue;
        queue = [];
        return out;
      },
      onFileOpened: (l: () => void) => {
        announce = l;
        return () => (announce = () => undefined);
      },
    } as unknown as ElectronBridge;
    const seen: string[] = [];
    const off = electronPlatform(bridge).onOpenedFiles((files) => seen.push(...files.map((f) => f.name)));
    await new Promise((r) => setImmediate(r));
    queue = [{ ok: false, name: 'second-launch.cluster.json', message: 'not a regular file' }];
    announce();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['at-launch.clusterplan.json', 'second-launch.cluster.json']);
    off();
  });
});
