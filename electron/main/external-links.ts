/**
 * The hosts the main process opens links on: those of the bundled sources registry's documents
 * (presets/sources.json), read once. See shared/ipc/external-links.ts for the rule.
 */
import SOURCES from '../../presets/sources.json';
import { hostsOf } from '../../shared/ipc/external-links';
import { documentLink, parseRegistry } from '../../shared/sources/registry';

let hosts: ReadonlySet<string> | null = null;

export function registryHosts(): ReadonlySet<string> {
  hosts ??= hostsOf(
    parseRegistry(SOURCES)
      .documents.map(documentLink)
      .filter((l): l is string => !!l),
  );
  return hosts;
}
