/**
 * The spectator app's server module (issue 17): its first screen, rendered by the station into the
 * page it serves (src-renderer/spectator/first-view/first-view-ssr.tsx → dist-renderer/ssr/
 * first-view.js). One self-contained ES module, React included, so the station needs nothing of
 * the renderer's dependencies at run time. Built after the pages (`npm run build:renderer`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src-renderer'),
  plugins: [react()],
  resolve: { alias: { '@wire': here('./src-main/wire') } },
  publicDir: false,
  // React picks its production build by this; the station runs without NODE_ENV.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  ssr: { noExternal: true, target: 'node' },
  build: {
    minify: true,
    ssr: here('./src-renderer/spectator/first-view/first-view-ssr.tsx'),
    outDir: here('./dist-renderer/ssr'),
    emptyOutDir: true,
    reportCompressedSize: false,
    rollupOptions: { output: { entryFileNames: 'first-view.js', format: 'es' } },
  },
});
