import { useEffect, useState } from 'react';
import { usePlatform } from '../app/platform-context';

export function About() {
  const platform = usePlatform();
  const [info, setInfo] = useState('');
  useEffect(() => {
    void platform.describe().then(setInfo);
  }, [platform]);
  return (
    <section className="page">
      <h1>About Cluster Planner</h1>
      <p>
        Cluster Planner predicts what a large-language-model deployment will cost and how fast it will run, from an
        analytical model of parameters, FLOPs, memory traffic, KV cache, parallelism, collectives and network topology.
        Every number can show its formula, inputs and the limit that binds.
      </p>
      <p className="muted" data-testid="about-platform">
        {info}
      </p>
      <p className="muted">
        Reference: “Insights into DeepSeek-V3: Scaling Challenges and Reflections on Hardware for AI Architectures”
        (ISCA 2025, arXiv 2505.09343).
      </p>
    </section>
  );
}
