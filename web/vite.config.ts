import { defineConfig } from 'vite';

// Relative base so the bundle works from whatever path `khet serve --web` mounts it on.
// `npm run dev` proxies the API to a locally running `khet serve --port 8080`.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
