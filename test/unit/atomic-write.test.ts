// Every file the app and the CLI write is written atomically: a temporary file in
// the same folder, fsync, rename. A write killed half-way leaves the old file as it was.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempPathFor, writeFileAtomic } from '../../electron/main/atomic-write';

const OLD = '{"the user\'s": "old file"}\n';
const folder = (): string => mkdtempSync(join(tmpdir(), 'cp-atomic-'));

/** Starts the child writer; resolves with it once it printed `signal`. */
function startChild(mode: string, path: string, mib: number, signal: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/write-child.ts', mode, path, String(mib)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  const said = new Promise<void>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(signal)) ok();
    });
    child.on('exit', () => fail(new Error(`the writer exited before "${signal}": ${out}`)));
  });
  return { child, exited, said };
}

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its permissions and leaves no temporary file', async () => {
    const dir = folder();
    const p = join(dir, 'plan.clusterplan.json');
    writeFileSync(p, OLD);
    await chmod(p, 0o600);
    await writeFileAtomic(p, 'new');
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['plan.clusterplan.json']);
    await writeFileAtomic(join(dir, 'fresh.pdf'), new Uint8Array([37, 80, 68, 70]));
    expect(readFileSync(join(dir, 'fresh.pdf'), 'latin1')).toBe('%PDF');
  });
  it('writes its temporary file in the target’s folder (a rename never crosses file systems)', () => {
    const t = tempPathFor('/home/u/plans/a.clusterplan.json');
    expect(t).toMatch(/^\/home\/u\/plans\/\.a\.clusterplan\.json\.\d+-[0-9a-f]{8}\.tmp$/);
  });
  it('a failed write (the folder is gone, the disk is full) leaves the old file and no temporary file', async () => {
    const dir = folder();
    const p = join(dir, 'x.json');
    writeFileSync(p, OLD);
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    await expect(
      writeFileAtomic(p, 'y'.repeat(3 << 20), {
        afterChunk: (w) => {
          if (w > 1 << 20) throw full;
        },
      }),
    ).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(p, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['x.json']);
  });
  it('a process killed half-way through a write leaves the old file intact', async () => {
    const dir = folder();
    const p = join(dir, 'workspace.json');
    writeFileSync(p, OLD);
    const w = startChild('atomic-half', p, 16, 'half');
    await w.said;
    expect(readFileSync(p, 'utf8')).toBe(OLD);
    w.child.kill('SIGKILL');
    await w.exited;
    expect(readFileSync(p, 'utf8')).toBe(OLD);
  }, 60_000);
});

describe('the desktop app’s file port (save, export PDF, CSV, charts, window state)', () => {
  it('killed while writing 256 MiB over an existing file, the old file is intact', async () => {
    const dir = folder();
    const p = join(dir, 'report.pdf');
    writeFileSync(p, OLD);
    // Kill at the first change in the folder: the temporary file appearing (or, writing straight
    // onto the target as before, the target being truncated).
    const changed = new Promise<void>((ok) => {
      const watcher = watch(dir, () => {
        watcher.close();
        ok();
      });
    });
    const w = startChild('app', p, 256, 'writing');
    await changed;
    w.child.kill('SIGKILL');
    await w.exited;
    expect(readFileSync(p, 'utf8')).toBe(OLD);
  }, 60_000);
});

describe('every write of the app and the CLI goes through writeFileAtomic', () => {
  // handlers.ts writes through its FsPort (`fs.writeFile`), which node-fs.ts implements with writeFileAtomic.
  it('no other file-writing call in electron/ or cli/ (the report’s private temporary plan list aside)', () => {
    const writes = /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream)\s*\(|\.pdf\(\s*\{\s*path/;
    const found: string[] = [];
    const sources = ['electron', 'cli'].flatMap((d) =>
      readdirSync(d, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(d, f)),
    );
    for (const f of sources) {
      if (f.endsWith('atomic-write.ts')) continue;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (
            writes.test(line) &&
            !/writeFileAtomic|\bfs\.writeFile\(|writeFile\(path: string|^\s*(\/\/|\*)/.test(line)
          )
            found.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([
      expect.stringMatching(/^cli\/commands\/report\.ts:\d+: writeFileSync\(list, JSON\.stringify\(plans\)\);$/),
    ]);
  });
});
