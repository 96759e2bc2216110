import type { PageProps } from './registry';

export function ValidationPage(_props: PageProps) {
  return (
    <section className="page">
      <h1>Validation</h1>
    </section>
  );
}
