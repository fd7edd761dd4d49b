import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { API_PATH_PREFIXES } from '../common/src/api-paths.js';

const webDir = import.meta.dirname;

// Built into dist/web, which the server serves at `/` (server/src/features/web/web.routes.ts). The output must run
// under the server's CSP (script-src 'self'): no inline scripts, everything from files.
export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(webDir, '../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // One bundle of ~900 kB (~270 kB gzipped), served from the same machine and cached by its hashed name; Vite's
    // 500 kB warning printed at every first start read like an error to new users.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite --config web/vite.config.ts` while developing: API calls go to `npm start` on port 8055, with the
    // browser's Host kept so the server's same-origin check accepts cookie-authenticated changes.
    proxy: Object.fromEntries(API_PATH_PREFIXES.map((prefix) => [`/${prefix}`, { target: 'http://localhost:8055' }])),
  },
});
