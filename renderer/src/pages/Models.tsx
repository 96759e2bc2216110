import type { PageProps } from './registry';

export function ModelsPage(_props: PageProps) {
  return (
    <section className="page">
      <h1>Models</h1>
    </section>
  );
}
