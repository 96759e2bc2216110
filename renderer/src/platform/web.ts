/**
 * The browser implementation of Platform: save through a download, open through a file input,
 * PDF through the print dialog. Menu commands come from keyboard shortcuts (see app/shortcuts.ts).
 */
import type { MenuCommand, OpenResult, SaveResult } from '@shared/ipc/channels';
import { sourceRegistry } from '@presets/sources';
import { externalUrlProblem, hostsOf } from '@shared/ipc/external-links';
import { documentLink } from '@shared/sources/registry';
import type { FileFilter, Platform } from './platform';

let linkHosts: ReadonlySet<string> | null = null;
/** The hosts the sources registry links to: the only ones a citation opens (as in the desktop app). */
export function registryLinkHosts(): ReadonlySet<string> {
  linkHosts ??= hostsOf(
    sourceRegistry()
      .documents.map(documentLink)
      .filter((l): l is string => !!l),
  );
  return linkHosts;
}

export const MAX_OPEN_BYTES = 32 * 1024 * 1024;

export function webPlatform(doc: Document = document): Platform {
  const listeners = new Set<(cmd: MenuCommand) => void>();
  return {
    kind: 'web',
    async saveFile(suggestedName, contents, _filters, encoding = 'utf8'): Promise<SaveResult> {
      const blob =
        encoding === 'base64'
          ? new Blob([Uint8Array.from(atob(contents), (c) => c.charCodeAt(0))], { type: 'application/octet-stream' })
          : new Blob([contents], {
              type: suggestedName.endsWith('.csv')
                ? 'text/csv'
                : suggestedName.endsWith('.svg')
                  ? 'image/svg+xml'
                  : 'application/json',
            });
      const url = URL.createObjectURL(blob);
      const a = doc.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.style.display = 'none';
      doc.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { ok: true, path: suggestedName };
    },
    openFile(filters: FileFilter[] = []): Promise<OpenResult> {
      return new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
        input.style.display = 'none';
        input.dataset['testid'] = 'web-open-input';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve({ ok: false, reason: 'cancelled' });
          if (file.size > MAX_OPEN_BYTES) {
            return resolve({
              ok: false,
              reason: 'error',
              message: `${file.name} is ${file.size} bytes; the limit is ${MAX_OPEN_BYTES}.`,
            });
          }
          file
            .text()
            .then((contents) => resolve({ ok: true, name: file.name, contents }))
            .catch((e: unknown) => resolve({ ok: false, reason: 'error', message: String(e) }));
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve({ ok: false, reason: 'cancelled' });
        });
        doc.body.appendChild(input);
        input.click();
      });
    },
    async exportPdf(): Promise<SaveResult> {
      window.print();
      return { ok: true, path: 'print dialog' };
    },
    async openExternal(url: string) {
      const reason = externalUrlProblem(url, registryLinkHosts());
      if (reason) return { opened: false as const, reason };
      // noopener/noreferrer: the new tab gets no handle on this app's window (and window.open returns null).
      window.open(url, '_blank', 'noopener,noreferrer');
      return { opened: true as const };
    },
    onOpenedFiles: () => () => undefined,
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    describe: async () =>
      `Cluster Planner (web) · ${navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? 'browser'}`,
  } satisfies Platform;
}
