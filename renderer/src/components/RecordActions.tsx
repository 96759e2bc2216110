/**
 * The end of a stored record's toolbar (a cluster, a sizing spec): its report, Duplicate, Delete
 * with Undo in the status bar, and whether the last edit is saved.
 */
import { navigate } from '../app/router';
import { useStatus } from '../app/status';

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
  saved,
}: {
  id: string;
  name: string;
  /** The page listing these records ('/clusters'); a record opens at `${page}/${id}`. */
  page: string;
  reportPage: string;
  store: RecordStore;
  saved: boolean;
}) {
  const status = useStatus();
  return (
    <>
      <a href={`#${reportPage}/${encodeURIComponent(id)}`}>Report / PDF</a>
      <button
        type="button"
        className="link"
        onClick={() => void store.duplicate(id).then((copy) => copy && navigate(`${page}/${copy}`))}
      >
        Duplicate
      </button>
      <button
        type="button"
        className="link danger"
        onClick={() =>
          void store.trash(id).then(() => {
            navigate(page);
            status.show({
              kind: 'info',
              text: `Deleted ${name}`,
              action: { label: 'Undo', run: () => void store.restore(id) },
            });
          })
        }
      >
        Delete
      </button>
      <span className="muted">{saved ? 'Saved' : 'Saving…'}</span>
    </>
  );
}
