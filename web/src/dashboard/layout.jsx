// The frame every dashboard page shares: a skip link, the site bar (a
// banner landmark with the navigation) and the main landmark.
import './style.css';

export function Layout({ children }) {
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="site">
        <a class="brand" href="/people">Vitae</a>
        <nav aria-label="Site">
          <a href="/people">People</a> · <a href="/">GraphQL playground</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}

// A hook's result as the three states a fetch goes through.
export function Status({ state, children }) {
  if (state.error) return <p class="error" role="alert">Could not load: {state.error}</p>;
  if (!state.data) return <p aria-busy="true">Loading…</p>;
  return children(state.data);
}
