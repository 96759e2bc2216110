import type { SystemSpec } from '@shared/schema/hardware';

/**
 * A select box's options for systems: each by its short name where it has one (a long name is cut
 * in a narrow box), the full name as the option's tooltip; yours marked "(mine)".
 */
export function SystemOptions({ systems }: { systems: ReadonlyArray<SystemSpec & { user?: boolean }> }) {
  return (
    <>
      {systems.map((s) => (
        <option key={s.id} value={s.id} title={s.name}>
          {s.shortName ?? s.name}
          {s.user ? ' (mine)' : ''}
        </option>
      ))}
    </>
  );
}
