/**
 * One Vite build for every renderer page: the spectator app (served at `/`), the operator
 * dashboard (`/operator/`), the officials page (`/officials`) and the venue screens (`/board`,
 * `/overlay`, `/announcer`). Entries never import each other (shared code lives in
 * src-renderer/shared/), so the spectator bundle never carries dashboard or screen code. `@wire` is
 * the station's wire types, shared with the server.
 */
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes .br and .gz beside every built script and stylesheet, so the station serves phones on a
 * weak venue Wi-Fi a third of the bytes without compressing on every request.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'raceside-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const data = readFileSync(join(assets, name));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(data, { level: 9 }));
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root: here('./src-renderer'),
  base: '/',
  plugins: [react(), precompress(here('./dist-renderer'))],
  resolve: { alias: { '@wire': here('./src-main/wire') } },
  build: {
    outDir: here('./dist-renderer'),
    emptyOutDir: true,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // base.css travels in the chunk of the one module every page imports (the API client), so
        // each page links it before its own styles. Left alone, Rollup gives base.css a chunk of its
        // own once the pages importing it differ from those importing the client (the venue
        // screens), and Vite then links that stylesheet after the page's: base.css would override
        // the page. test/unit/renderer/page-styles.test.ts checks the order in the build.
        manualChunks(id) {
          if (id.includes('/src-renderer/shared/ui/base.css') || id.includes('/src-renderer/shared/api-client.ts')) return 'api-client';
          return undefined;
        },
      },
      input: {
        spectator: here('./src-renderer/spectator/index.html'),
        operator: here('./src-renderer/operator/index.html'),
        officials: here('./src-renderer/officials/index.html'),
        board: here('./src-renderer/board/index.html'),
        overlay: here('./src-renderer/overlay/index.html'),
        announcer: here('./src-renderer/announcer/index.html'),
      },
    },
  },
});
