/**
 * Records the app cannot read (written by a newer or foreign version, or damaged on disk), listed
 * with the problem named and an Export button that saves the raw record as a file: nothing is
 * deleted, and everything else keeps working. Used for clusters, sizing specs and user presets
 * (the plan list shows the same list in its column).
 */
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { damagedRecordFile, type DamagedRecord } from '../db/records';

export function DamagedRecords({ records, noun }: { records: readonly DamagedRecord[]; noun: string }) {
  const platform = usePlatform();
  const status = useStatus();
  if (records.length === 0) return null;
  const exportOne = async (d: DamagedRecord): Promise<void> => {
    const f = damagedRecordFile(d);
    const r = await platform.saveFile(f.name, f.text, [{ name: 'JSON', extensions: ['json'] }]);
    if (r.ok) status.show({ kind: 'success', text: `Exported the damaged record “${d.id}” to ${r.path}` });
    else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not export' });
  };
  const intro = `${records.length} damaged ${noun} record${records.length > 1 ? 's' : ''}: written by another version or damaged on disk; they cannot be opened, nothing else is affected. Export one to keep it or to send it for repair.`;
  return <DamagedList records={records} intro={intro} onExport={(d) => void exportOne(d)} role="note" />;
}

/** The list itself: what is damaged, the problem named, an Export button each (the plan list uses it too). */
export function DamagedList({
  records,
  intro,
  onExport,
  role,
}: {
  records: readonly DamagedRecord[];
  intro: string;
  onExport: (d: DamagedRecord) => void;
  role?: string;
}) {
  return (
    <div data-testid="damaged-records" role={role}>
      <p className="muted" style={{ fontSize: 11 }}>
        {intro}
      </p>
      <ul>
        {records.map((d) => (
          <li key={d.id} title={d.problem}>
            <span>{d.id}</span> <span className="badge">damaged</span>{' '}
            <button type="button" className="link" onClick={() => onExport(d)}>
              Export
            </button>
            <div className="muted" style={{ fontSize: 11 }}>
              {d.problem}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
