import { useState } from 'react';
import { parseAccelerator, parseSystem } from '@shared/schema/hardware';
import { useStatus } from '../app/status';
import { db, type UserPreset } from '../db/db';

/** The user's copies of hardware presets: edit as JSON, validated by the hardware schema on save. */
export function UserPresets({ presets }: { presets: UserPreset[] }) {
  const status = useStatus();
  const [editing, setEditing] = useState<string | null>(null);
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
                void db.userPresets.delete(m.id).then(() => status.show({ kind: 'info', text: `Deleted ${m.name}` }))
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
                      void db.userPresets
                        .update(m.id, {
                          data: { ...raw, user: true, version: ((raw['version'] as number | undefined) ?? 1) + 1 },
                        })
                        .then(() => {
                          setEditing(null);
                          status.show({ kind: 'success', text: `Saved ${m.name}` });
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
