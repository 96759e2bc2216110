// The same renderer as the Electron window, served as a plain web page (`npm run web`) and built
// for the end-to-end tests (`npm run build:web`). The platform adapter picks the browser
// implementation when no preload bridge is present.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const __dirname = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  resolve: {
    alias: {
      '@shared': resolve(__dirname, 'shared'),
      '@presets': resolve(__dirname, 'presets'),
    },
  },
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: { outDir: resolve(__dirname, 'dist-web'), emptyOutDir: true },
});
