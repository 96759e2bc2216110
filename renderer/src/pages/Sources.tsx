/**
 * The Sources page: every document of the sources registry (presets/sources.json) with its
 * publisher, date, link, the date it was last checked and how, and what cites it (hardware,
 * systems, models, plans, calibration profiles, validation cases) down to the field and locator.
 */
import { useEffect, useMemo, useState } from 'react';
import { documentsWithCitations, type CitingItem } from '@presets/sources';
import { documentAuthor, isOlderThanMonths, THIRD_PARTY_KINDS } from '@shared/sources/registry';
import { DocumentWhere } from '../components/Cite';
import type { PageProps } from './registry';

const HREF: Record<CitingItem['kind'], (id: string) => string | null> = {
  hardware: (id) => `#/hardware/${id}`,
  system: () => '#/hardware',
  model: (id) => `#/models/${id}`,
  plan: (id) => `#/plans/${id}`,
  calibration: () => null,
  kernels: () => '#/calibration',
  cluster: (id) => `#/clusters/${id}`,
  validation: () => '#/validation',
  price: () => '#/hardware',
  engine: () => null,
};

function CitedBy({ items }: { items: CitingItem[] }) {
  if (items.length === 0) return <span className="muted">not cited by a bundled preset</span>;
  const byItem = new Map<string, CitingItem[]>();
  for (const it of items) {
    const k = `${it.kind}:${it.id}`;
    byItem.set(k, [...(byItem.get(k) ?? []), it]);
  }
  return (
    <ul className="cited-by">
      {[...byItem.values()].map((group) => {
        const first = group[0]!;
        const href = HREF[first.kind](first.id);
        const fields = [...new Set(group.map((g) => g.path.replace(/\.?source(\[\d+\])?$/, '') || '(whole preset)'))];
        return (
          <li key={`${first.kind}:${first.id}`}>
            <span className="badge">{first.kind}</span> {href ? <a href={href}>{first.name}</a> : first.name}
            <span className="muted">
              {' '}
              — {fields.slice(0, 6).join(', ')}
              {fields.length > 6 ? ` and ${fields.length - 6} more` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function SourcesPage({ route }: PageProps) {
  const all = useMemo(() => documentsWithCitations(), []);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('all');
  const now = useMemo(() => new Date(), []);
  const target = route.page === 'sources' ? route.id : undefined;
  useEffect(() => {
    if (target) document.getElementById(`doc-${target}`)?.scrollIntoView({ block: 'center' });
  }, [target]);
  const list = all.filter(
    ({ doc }) =>
      (kind === 'all' || (kind === 'third-party' ? THIRD_PARTY_KINDS.includes(doc.kind) : doc.kind === kind)) &&
      `${doc.id} ${doc.title} ${doc.publisher ?? ''} ${(doc.authors ?? []).join(' ')}`
        .toLowerCase()
        .includes(q.toLowerCase()),
  );
  const kinds = ['all', 'third-party', ...new Set(all.map((d) => d.doc.kind))];
  return (
    <section className="page">
      <h1>Sources</h1>
      <p className="muted">
        Every number in the presets cites one of these documents and the place in it (table, section, page). Links open
        in your browser. “Checked” is the date the cited figures were last compared with the document.
      </p>
      <div className="toolbar">
        <input
          type="search"
          placeholder="Search documents…"
          aria-label="Search documents"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select aria-label="Document kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <span className="muted" data-testid="sources-count">
          {list.length} of {all.length} documents
        </span>
      </div>
      <div className="sources-list" data-testid="sources-list">
        {list.map(({ doc, citedBy }) => (
          <article
            key={doc.id}
            id={`doc-${doc.id}`}
            className={`doc${doc.id === target ? ' selected' : ''}`}
            data-doc={doc.id}
          >
            <h3>
              {doc.title} <span className="badge">{doc.kind}</span>
              {THIRD_PARTY_KINDS.includes(doc.kind) && <span className="badge warn"> third party</span>}
            </h3>
            <div>
              {documentAuthor(doc)} · {doc.date} · <DocumentWhere doc={doc} /> · <code>{doc.id}</code>
            </div>
            <div className={isOlderThanMonths(doc.checked, 12, now) ? 'warn' : 'muted'}>
              Checked {doc.checked}
              {doc.checkNote ? ` — ${doc.checkNote}` : ''}
            </div>
            {doc.note && <div className="muted">{doc.note}</div>}
            <CitedBy items={citedBy} />
          </article>
        ))}
      </div>
    </section>
  );
}
