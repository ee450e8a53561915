// Vite builds the React app in src/web into dist/web, which the Keel server serves.
// In development (`npm run dev`) Vite serves it with hot reload and proxies the API.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = `http://127.0.0.1:${process.env.KEEL_API_PORT ?? '3000'}`;

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: { '/api': api, '/healthz': api, '/readyz': api, '/metrics': api, '/status': api },
  },
});
