// The kernel profiles a user imported (an AIConfigurator folder), with Delete, and the import panel.
// Each is a user preset of kind 'kernel-profile', written through the durable write path like every
// record; the engine's catalog takes them over a bundled profile of the same id.
import { useLiveQuery } from 'dexie-react-hooks';
import type { KernelProfile } from '@shared/schema/kernels';
import { readUserPresets } from '../db/presets';
import { deleteUserPreset, putUserPreset } from '../db/writes';
import { useStatus } from '../app/status';
import { AicImport } from './AicImport';
import { stackLabel } from '@shared/kernels/kernel-set';

/** Where a profile came from, as one line ("systems/data/h100_sxm @ folder … imported 2026-12-07"). */
const sourceText = (s: KernelProfile['source']): string =>
  typeof s === 'string' ? s : (Array.isArray(s) ? s : [s]).map((c) => c.at).join('; ');

/** Stores each profile (the same id replaces it); rejects naming the first that was not written. */
async function saveProfiles(profiles: KernelProfile[]): Promise<void> {
  const now = new Date().toISOString();
  for (const p of profiles) {
    const ok = await putUserPreset({
      id: `kernel-${p.id}`,
      kind: 'kernel-profile',
      name: p.id,
      data: p,
      createdAt: now,
    });
    if (!ok) throw new Error(`${p.id} could not be written (see the status bar)`);
  }
}

export function KernelProfiles() {
  const status = useStatus();
  const rows = useLiveQuery(async () => (await readUserPresets(['kernel-profile'])).presets, []) ?? [];
  return (
    <>
      {rows.length > 0 && (
        <div className="card" data-testid="kernel-profiles">
          <h3>Your measured kernel profiles</h3>
          <table className="data">
            <thead>
              <tr>
                <th>Device</th>
                <th>Stack</th>
                <th>Version</th>
                <th>Source</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const p = r.data as KernelProfile;
                return (
                  <tr key={r.id}>
                    <td>{p.device}</td>
                    <td>{stackLabel(p.stack)}</td>
                    <td>{p.version}</td>
                    <td className="muted">{sourceText(p.source)}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          void deleteUserPreset(r.id).then(
                            (ok) => ok && status.show({ kind: 'info', text: `Deleted kernel profile ${p.id}` }),
                          )
                        }
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AicImport onSave={saveProfiles} />
    </>
  );
}
