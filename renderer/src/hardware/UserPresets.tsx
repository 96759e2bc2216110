import { useState } from 'react';
import { parseAccelerator, parseSystem } from '@shared/schema/hardware';
import { useStatus } from '../app/status';
import type { UserPreset } from '../db/db';
import { deleteUserPreset, editUserPreset } from '../db/writes';

const versionOf = (data: unknown): number | null => {
  const v = (data as { version?: unknown } | null)?.version;
  return typeof v === 'number' ? v : null;
};

/**
 * The user's copies of hardware presets: edit as JSON, validated by the hardware schema on save.
 * Saves and deletions are journalled and retried (db/writes.ts); an edit remembers the version it
 * started from, so a save over another window's change keeps both.
 */
export function UserPresets({ presets }: { presets: UserPreset[] }) {
  const status = useStatus();
  const [editing, setEditing] = useState<string | null>(null);
  const [base, setBase] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (presets.length === 0) return null;
  return (
    <>
      <h2>My presets</h2>
      <ul data-testid="user-presets">
        {presets.map((m) => (
          <li key={m.id}>
            {m.name}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setEditing(m.id);
                setBase(versionOf(m.data));
                setText(JSON.stringify(m.data, null, 2));
                setError(null);
              }}
            >
              Edit
            </button>
            <button
              type="button"
              className="link danger"
              onClick={() =>
                void deleteUserPreset(m.id).then((ok) => ok && status.show({ kind: 'info', text: `Deleted ${m.name}` }))
              }
            >
              Delete
            </button>
            {editing === m.id && (
              <div>
                <textarea
                  aria-label={`Edit ${m.name}`}
                  rows={16}
                  style={{ width: '100%', fontFamily: 'var(--mono)' }}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                />
                {error && (
                  <p className="error" role="alert">
                    {error}
                  </p>
                )}
                <button
                  type="button"
                  onClick={() => {
                    try {
                      const raw = JSON.parse(text) as Record<string, unknown>;
                      if (m.kind === 'system') parseSystem(raw, m.name);
                      else parseAccelerator(raw, m.name);
                      void editUserPreset(m.id, raw, base).then((ok) => {
                        setEditing(null);
                        if (ok) status.show({ kind: 'success', text: `Saved ${m.name}` });
                      });
                    } catch (e) {
                      setError((e as Error).message);
                    }
                  }}
                >
                  Save
                </button>{' '}
                <button type="button" className="secondary" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
