/**
 * A child process for test/unit/atomic-write.test.ts: writes `mib` MiB to `path` the way the app
 * does, so the test can kill it half-way. Modes:
 * - `atomic-half`: writeFileAtomic, printing "half" and stopping (never returning) once half the
 *   bytes are in the temporary file;
 * - `app`: the desktop app's file port (nodeFs.writeFile), with no hook: the test kills it when
 *   the folder first changes.
 */
import { writeFileAtomic } from '../../electron/main/atomic-write';
import { nodeFs } from '../../electron/main/node-fs';

const [mode, path, mib] = process.argv.slice(2);
const data = Buffer.alloc(Number(mib) * 1024 * 1024, 0x42);
if (mode === 'atomic-half')
  await writeFileAtomic(path!, data, {
    chunkBytes: 1024 * 1024,
    afterChunk: async (written, total) => {
      if (written < total / 2) return;
      process.stdout.write('half\n');
      await new Promise(() => undefined);
    },
  });
else {
  process.stdout.write('writing\n');
  await nodeFs.writeFile(path!, data);
}
process.stdout.write('done\n');
