/**
 * The end of a stored record's toolbar (a cluster, a sizing spec): its report, Duplicate, Delete
 * with Undo in the status bar, and whether the last edit is saved (or, after a failed write, kept
 * in the crash journal and retried).
 */
import { navigate } from '../app/router';
import { useStatus } from '../app/status';
import type { SaveState } from '../db/autosave';

export interface RecordStore {
  duplicate(id: string): Promise<string | null>;
  trash(id: string): Promise<void>;
  restore(id: string): Promise<void>;
}

export function RecordActions({
  id,
  name,
  page,
  reportPage,
  store,
  saveState,
  onBeforeAction,
}: {
  id: string;
  name: string;
  /** The page listing these records ('/clusters'); a record opens at `${page}/${id}`. */
  page: string;
  reportPage: string;
  store: RecordStore;
  saveState: SaveState;
  /** Saves pending edits first (duplicate and delete act on the stored record). */
  onBeforeAction?: () => Promise<void>;
}) {
  const status = useStatus();
  return (
    <>
      <a href={`#${reportPage}/${encodeURIComponent(id)}`}>Report / PDF</a>
      <button
        type="button"
        className="link"
        onClick={() =>
          void (async () => {
            await onBeforeAction?.();
            const copy = await store.duplicate(id);
            if (copy) navigate(`${page}/${copy}`);
          })()
        }
      >
        Duplicate
      </button>
      <button
        type="button"
        className="link danger"
        onClick={() =>
          void (async () => {
            await onBeforeAction?.();
            await store.trash(id);
            navigate(page);
            status.show({
              kind: 'info',
              text: `Deleted ${name}`,
              action: { label: 'Undo', run: () => void store.restore(id) },
            });
          })()
        }
      >
        Delete
      </button>
      <span className={saveState === 'failed' ? 'error' : 'muted'} data-testid="save-state">
        {saveState === 'saved'
          ? 'Saved'
          : saveState === 'pending'
            ? 'Saving…'
            : 'Not saved: kept in the crash journal, retrying'}
      </span>
    </>
  );
}
