import { useEffect } from 'react';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import type { PageProps } from './registry';

export function PlansPage({ commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  useEffect(() => {
    const offOpen = commands.register('open', async () => {
      const r = await platform.openFile([{ name: 'Cluster plan', extensions: ['json'] }]);
      if (r.ok) status.show({ kind: 'success', text: `Opened ${r.name} (${r.contents.length} characters)` });
      else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not open the file' });
    });
    const offSave = commands.register('save-as', async () => {
      const r = await platform.saveFile('workspace.clusterplan.json', JSON.stringify({ plans: [] }, null, 2));
      if (r.ok) status.show({ kind: 'success', text: `Saved ${r.path}` });
    });
    return () => {
      offOpen();
      offSave();
    };
  }, [commands, platform, status]);
  return (
    <section className="page">
      <h1>Plans</h1>
      <div className="empty-state">
        <p>No plans yet.</p>
      </div>
    </section>
  );
}
