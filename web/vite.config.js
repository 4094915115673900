// Builds the front end into dist/, which is committed and embedded in the
// binary: three pages, the GraphiQL playground (index.html, served at `/`)
// and the dashboard's people index (people.html, `/people`) and profile
// (person.html, `/people/{slug}`). The server serves dist/assets/* at
// `/assets/*`, hence the base. The dashboard is Preact with JSX compiled by
// Vite's own oxc transform (no Babel plugin), its chart Observable Plot.
// No source maps: the committed build stays small. The output depends only
// on the sources and the lockfile (names are content hashes; no timestamps
// or absolute paths), so two builds give the same bytes, which .ci/run
// checks.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Every browser that runs ES modules knows modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        playground: 'index.html',
        people: 'people.html',
        person: 'person.html',
      },
      // GraphiQL's dependencies mark modules "use client" for React server
      // components; in a plain client bundle the directive means nothing.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
