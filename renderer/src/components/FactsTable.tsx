import type { ArchitectureFact } from '@shared/model/architecture-facts';

/** Architecture-specific rows (model or result facts from the engine) as a two-column table. */
export function FactsTable({ title, facts, testId }: { title: string; facts: ArchitectureFact[]; testId: string }) {
  if (facts.length === 0) return null;
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      <table className="data">
        <tbody>
          {facts.map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td>
                {f.value}
                {f.note && <div className="muted">{f.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
