// Vitae's GraphiQL page, bundled by Vite into ../dist and embedded in the
// binary (src/http/playground.rs). Everything it needs ships in the bundle
// (GraphiQL's fonts are data: URLs inside its CSS), so the page works with
// no internet. GraphiQL 4 is used rather than 5: 4 edits with CodeMirror 5
// in the page itself, while 5 runs Monaco in web workers, a bundle several
// times larger that needs worker wiring in the build.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import defaultQuery from './default-query.graphql?raw';

// Relative, so that the page works on whatever host and port serves it.
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: true,
  }),
);
