/**
 * One Vite build for both renderer apps: the spectator app (served at `/`) and the operator
 * dashboard (served at `/operator/`). Two entries that never import each other, so the spectator
 * bundle never carries operator code. `@wire` is the station's wire types, shared with the server.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src-renderer'),
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@wire': here('./src-main/wire') } },
  build: {
    outDir: here('./dist-renderer'),
    emptyOutDir: true,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        spectator: here('./src-renderer/spectator/index.html'),
        operator: here('./src-renderer/operator/index.html'),
        officials: here('./src-renderer/officials/index.html'),
      },
    },
  },
});
