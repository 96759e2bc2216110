export function NotFound({ path }: { path: string }) {
  return (
    <section className="page">
      <h1>Nothing at “{path}”</h1>
      <p>
        That address is not a page of Cluster Planner. <a href="#/plans">Go to Plans</a>.
      </p>
    </section>
  );
}
