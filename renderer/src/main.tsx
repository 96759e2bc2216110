import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { matchRoute } from './app/router';
import { db } from './db/db';
import { engineWorker } from './engine/engine-worker';
import { preloadPage } from './pages/registry';
import { detectPlatform } from './platform';
import './styles.css';

// The engine worker and the database (seeded with the examples on a first run) start loading
// at once; the first page renders as soon as its code is here (not one after the other).
engineWorker();
void db.open().catch(() => undefined); // a failure is reported by the first query that needs it

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void preloadPage(matchRoute(window.location.hash).page).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App platform={detectPlatform()} />
    </StrictMode>,
  ),
);
