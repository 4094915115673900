// /people: everyone Vitae holds, A to Z, 20 a page, with a search that
// narrows the list as one types (`people(search:)`: every word a prefix of
// a word of the name or an alias). The search text is kept in the address
// (`?q=`) so that Back returns to the same list. Enter in the search box
// opens the first person the words find.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from './api.js';
import { Layout } from './layout.jsx';

const PAGE = 20;
const DEBOUNCE_MS = 250;

const PEOPLE = `query People($search: String, $first: Int, $after: String, $last: Int, $before: String) {
  people(search: $search, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { slug name
      appointments { title current organization { name } } } }
  }
}`;

function People() {
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  const [text, setText] = useState(initial);
  const [search, setSearch] = useState(initial.trim());
  const [page, setPage] = useState({ first: PAGE });
  const [state, setState] = useState({});
  const latest = useRef(0);

  // Debounce: the query follows the text once typing pauses (and only
  // when the words changed, so the first render does not fetch twice).
  useEffect(() => {
    const t = setTimeout(() => {
      if (text.trim() === search) return;
      setSearch(text.trim());
      setPage({ first: PAGE });
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  useEffect(() => {
    const url = new URL(location.href);
    if (search) url.searchParams.set('q', search);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    const ticket = ++latest.current;
    gql(PEOPLE, { search: search || null, ...page })
      .then((data) => ticket === latest.current && setState({ data: data.people }))
      .catch((e) => ticket === latest.current && setState({ error: e.message }));
  }, [search, page]);

  const people = state.data;
  // Enter opens the first person the typed words find, also before the
  // debounced list has caught up with them.
  const onKeyDown = async (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const words = text.trim();
    try {
      const found = words === search && people
        ? people
        : (await gql(PEOPLE, { search: words || null, first: 1 })).people;
      const first = found.edges[0]?.node;
      if (first) location.assign(`/people/${first.slug}`);
    } catch (err) {
      setState({ error: err.message });
    }
  };

  return (
    <Layout>
      <h1>People</h1>
      <form role="search" class="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search people by name
          <input type="search" value={text} autoComplete="off" spellcheck={false}
            placeholder="e.g. lei" onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={onKeyDown} aria-describedby="people-count" />
        </label>
      </form>
      <p id="people-count" aria-live="polite" class="muted">
        {state.error ? '' : people ? count(people.totalCount, search) : 'Loading…'}
      </p>
      {state.error && <p class="error" role="alert">Could not load: {state.error}</p>}
      {people && <PeopleList people={people} />}
      {people && <Pager info={people.pageInfo} setPage={setPage} />}
    </Layout>
  );
}

function count(n, search) {
  const who = n === 1 ? '1 person' : `${n} people`;
  return search ? `${who} match “${search}”` : who;
}

function PeopleList({ people }) {
  if (people.edges.length === 0) return <p>Nobody matches.</p>;
  return (
    <ul class="plain" aria-label="People">
      {people.edges.map(({ node }) => {
        const current = node.appointments.filter((a) => a.current);
        return (
          <li key={node.slug}>
            <a href={`/people/${node.slug}`}>{node.name}</a>
            {current.length > 0 && (
              <span class="muted">
                {' — '}
                {current.map((a) => `${a.title}, ${a.organization.name}`).join('; ')}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Pager({ info, setPage }) {
  if (!info.hasNextPage && !info.hasPreviousPage) return null;
  return (
    <nav class="pager" aria-label="Pages of people">
      <button type="button" disabled={!info.hasPreviousPage}
        onClick={() => setPage({ last: PAGE, before: info.startCursor })}>
        Previous
      </button>
      <button type="button" disabled={!info.hasNextPage}
        onClick={() => setPage({ first: PAGE, after: info.endCursor })}>
        Next
      </button>
    </nav>
  );
}

// The placeholder ("Loading…") goes: render adds to what it finds.
const app = document.getElementById('app');
app.replaceChildren();
render(<People />, app);
