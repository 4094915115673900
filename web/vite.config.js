// Builds the playground into dist/, which is committed and embedded in the
// binary. The server serves dist/index.html at `/` and dist/assets/* at
// `/playground/assets/*`, hence the base. No source maps: the committed
// build stays small. The output depends only on the sources and the
// lockfile (names are content hashes; no timestamps or absolute paths), so
// two builds give the same bytes, which .ci/run checks.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/playground/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // GraphiQL's dependencies mark modules "use client" for React server
      // components; in a plain client bundle the directive means nothing.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
