/**
 * Citations on screen. `Cite` wraps a number: hovering or focusing it shows where the number comes
 * from as readable citations (publisher, title, date, the table or section) with a link that opens
 * in the user's browser through the platform adapter, never inside the app. `SourceList` prints the
 * same citations inline, and `ExternalLink` is the one way the renderer opens a document.
 */
import { useContext, useId, useState, type ReactNode } from 'react';
import { citeCheckedOn, sourceRegistry } from '@presets/sources';
import { citationsOf, freeTextOf, type AnySource } from '@shared/source';
import { documentAuthor, documentLink, sourceText, type SourceDocument } from '@shared/sources/registry';
import { PlatformContext } from '../app/platform-context';

/**
 * An https link that opens in the user's browser (Electron: shell.openExternal; web: a noopener
 * tab) when its host is one the sources registry links to; otherwise its address is shown beside
 * it, to copy, and not opened.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const platform = useContext(PlatformContext);
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <>
      <a
        href={href}
        className="external"
        rel="noopener noreferrer"
        target="_blank"
        onClick={(e) => {
          e.preventDefault();
          if (!platform) return setRefused('no platform to open it with');
          void platform.openExternal(href).then((r) => setRefused(r.opened ? null : r.reason));
        }}
      >
        {children}
      </a>
      {refused && (
        <span className="muted" role="status" data-testid="link-not-opened">
          {' '}
          (not opened: {refused}; the address is <code>{href}</code>)
        </span>
      )}
    </>
  );
}

/** Where the document is: a link, an ISBN, or a file of this repository. */
export function DocumentWhere({ doc }: { doc: SourceDocument }) {
  const link = documentLink(doc);
  if (link) return <ExternalLink href={link}>{doc.arxiv ? `arXiv:${doc.arxiv}` : shortHost(link)} ↗</ExternalLink>;
  if (doc.isbn) return <span>ISBN {doc.isbn}</span>;
  if (doc.path) return <code>{doc.path}</code>;
  return null;
}

const shortHost = (url: string): string => {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/** The citations of one value, inline: 'NVIDIA, "H100 … Datasheet" (2023), Table 1 [nvidia.com ↗]'. */
export function SourceList({ source }: { source: AnySource | undefined | null }) {
  const reg = sourceRegistry();
  const cites = citationsOf(source);
  const free = freeTextOf(source);
  if (cites.length === 0) return free ? <span>{free}</span> : null;
  return (
    <span className="source-list">
      {cites.map((c, i) => {
        const d = reg.byId.get(c.doc);
        return (
          <span key={`${c.doc}-${i}`} className="citation" data-doc={c.doc}>
            {i > 0 ? '; ' : ''}
            {d ? (
              <>
                {documentAuthor(d)}, “<a href={`#/sources/${d.id}`}>{d.title}</a>” ({d.date}), {c.at}{' '}
                <DocumentWhere doc={d} />
              </>
            ) : (
              <span className="bad">
                unknown source “{c.doc}”, {c.at}
              </span>
            )}
          </span>
        );
      })}
    </span>
  );
}

export interface CiteProps {
  source?: AnySource | undefined | null;
  note?: string | undefined;
  unverified?: boolean | undefined;
  assumption?: boolean | undefined;
  children: ReactNode;
}

/** A value whose source shows on hover and on keyboard focus. */
export function Cite({ source, note, unverified, assumption, children }: CiteProps) {
  const id = useId();
  const checked = citeCheckedOn(source);
  const plain = [sourceText(source, sourceRegistry()), note].filter(Boolean).join(' — ');
  return (
    <span className="cite" tabIndex={0} aria-describedby={id} data-source-text={plain || undefined}>
      {children}
      {unverified && <span className="badge warn"> unverified</span>}
      {assumption && <span className="badge"> assumption</span>}
      <span role="tooltip" id={id} className="cite-pop">
        {citationsOf(source).length > 0 || freeTextOf(source) ? (
          <SourceList source={source} />
        ) : (
          <span className="muted">No document: {note ?? 'unknown'}</span>
        )}
        {note && (citationsOf(source).length > 0 || freeTextOf(source)) && <span className="cite-note">{note}</span>}
        {unverified && (
          <span className="cite-note warn">
            Unverified: the documents read disagree or only a third party states it.
          </span>
        )}
        {assumption && <span className="cite-note">An assumption of this preset, not a document fact.</span>}
        {checked && <span className="cite-note muted">Checked {checked}</span>}
      </span>
    </span>
  );
}
