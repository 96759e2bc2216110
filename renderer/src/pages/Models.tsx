import { architectureFacts, architectureTags } from '@shared/model/architecture-facts';
import { FactsTable } from '../components/FactsTable';
import { ContextCurve } from '../models/ContextCurve';
import { useState } from 'react';
import { modelPresets } from '@presets/load';
import {
  countParams,
  importHfConfig,
  kvBytesPerToken,
  trainingFlopsPerToken,
  weightBytes,
  type ModelArchitecture,
} from '@shared/model';
import { formatBytes, formatFlop, formatParams } from '@shared/units';
import { navigate } from '../app/router';
import { useStatus } from '../app/status';
import { newId, savePlan } from '../db/plans';
import { newInferencePlan } from '../plans/defaults';
import { TraceView } from '../components/TraceView';
import type { PageProps } from './registry';
import { SourceList } from '../components/Cite';

function Derived({ m }: { m: ModelArchitecture }) {
  const status = useStatus();
  const p = countParams(m);
  const kv = kvBytesPerToken(m);
  const f = trainingFlopsPerToken(m, 4096, p);
  return (
    <div className="card" data-testid="model-derived">
      <h2>{m.name}</h2>
      <div className="cards">
        <div className="card">
          <div className="label">Total parameters</div>
          <div className="value" data-testid="model-total">
            {formatParams(p.total)}
          </div>
        </div>
        <div className="card">
          <div className="label">Active per token</div>
          <div className="value">{formatParams(p.active)}</div>
        </div>
        <div className="card">
          <div className="label">KV cache per token (BF16)</div>
          <div className="value" data-testid="model-kv">
            {formatBytes(kv.bytesPerToken)}
          </div>
        </div>
        <div className="card">
          <div className="label">Training FLOPs per token (4K)</div>
          <div className="value">{formatFlop(f.total)}</div>
        </div>
        <div className="card">
          <div className="label">Weights BF16 / FP8 / INT4</div>
          <div className="value" style={{ fontSize: 14 }}>
            {formatBytes(weightBytes(m, 'bf16', {}, p).bytes)} / {formatBytes(weightBytes(m, 'fp8', {}, p).bytes)} /{' '}
            {formatBytes(weightBytes(m, 'int4', {}, p).bytes)}
          </div>
        </div>
      </div>
      <p className="muted" data-testid="model-source">
        Source: <SourceList source={m.source} />
        {m.published?.source !== undefined && (
          <>
            {' '}
            · published parameter counts: <SourceList source={m.published.source} />
          </>
        )}
      </p>
      {m.notes && <p className="muted">{m.notes}</p>}
      <FactsTable title="Architecture" facts={architectureFacts(m)} testId="model-architecture" />
      <ContextCurve m={m} />
      <button
        type="button"
        onClick={() => {
          const plan = {
            ...newInferencePlan(newId()),
            name: `${m.name} plan`,
            modelId: m.id,
            model: modelPresets().some((x) => x.id === m.id) ? undefined : m,
          };
          void savePlan(plan).then(() => {
            navigate(`/plans/${plan.id}`);
            status.show({ kind: 'success', text: `New plan for ${m.name}` });
          });
        }}
      >
        New plan with this model
      </button>
      <h3>Show the math</h3>
      <TraceView trace={p.trace} />
      <TraceView trace={kv.trace} />
    </div>
  );
}

function ModelTable({ all, onPick }: { all: readonly ModelArchitecture[]; onPick: () => void }) {
  const [q, setQ] = useState('');
  return (
    <>
      <input
        type="search"
        placeholder="Search models…"
        aria-label="Search models"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <table className="data" data-testid="model-table">
        <tbody>
          {all
            .filter((m) => `${m.name} ${m.id}`.toLowerCase().includes(q.toLowerCase()))
            .map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={`#/models/${m.id}`} onClick={onPick}>
                    {m.name}
                  </a>
                </td>
                <td className="num">{formatParams(countParams(m).total)}</td>
                <td>
                  {[m.attention.type.toUpperCase(), ...(m.moe ? ['MoE'] : []), ...architectureTags(m)].join(' · ')}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

/** Import a Hugging Face config.json, pasted or chosen as a file (nothing is downloaded). */
function ConfigImport({ onImport }: { onImport: (m: ModelArchitecture | null) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const doImport = (t: string, name: string): void => {
    try {
      onImport(importHfConfig(t, name));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      onImport(null);
    }
  };
  return (
    <>
      <h2>Import a Hugging Face config.json</h2>
      <p className="muted">Paste the file’s text or choose the file. Nothing is downloaded.</p>
      <input
        type="file"
        accept=".json,application/json"
        aria-label="config.json file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f)
            void f.text().then((t) => {
              setText(t);
              doImport(t, f.name.replace(/\.json$/, '').replace(/^config$/, 'imported-model'));
            });
        }}
      />
      <textarea
        aria-label="config.json text"
        rows={8}
        style={{ width: '100%' }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder='{"model_type": "llama", "hidden_size": 4096, …}'
      />
      <button type="button" onClick={() => doImport(text, 'imported-model')} disabled={!text.trim()}>
        Import
      </button>
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </>
  );
}

export function ModelsPage({ route }: PageProps) {
  const all = modelPresets();
  const [imported, setImported] = useState<ModelArchitecture | null>(null);
  const selected = imported ?? (route.page === 'models' && route.id ? all.find((m) => m.id === route.id) : undefined);
  return (
    <section className="page">
      <h1>Models</h1>
      <div className="split">
        <div>
          <ModelTable all={all} onPick={() => setImported(null)} />
          <ConfigImport onImport={setImported} />
        </div>
        <div>
          {selected ? (
            <Derived m={selected} />
          ) : (
            <div className="empty-state">
              Pick a model, or import a config.json, to see its parameters, KV cache and FLOPs.
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
