// A person's authored works: the filters of `works(filter:)` (year range,
// kind, text), the works-per-year chart of what they select (its facets),
// and the list itself, 20 a page, with cursors both ways. A filter the API
// refuses (a `yearTo` before `yearFrom`) shows the API's own message. The
// year fields are left uncontrolled: a year applies when the field is
// left (`change`), and a re-render while one is being typed must not put
// the last applied value back.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, words } from './api.js';
import { YearChart } from './chart.jsx';

const PAGE = 20;
const DEBOUNCE_MS = 300;

const FACETS = `query Facets($slug: String!, $filter: WorkFilter) {
  person(slug: $slug) { works(relation: AUTHOR, filter: $filter) {
    totalCount facets { years { value count } } } }
}`;

const LIST = `query Works($slug: String!, $filter: WorkFilter, $first: Int, $after: String, $last: Int, $before: String) {
  person(slug: $slug) { works(relation: AUTHOR, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { id title kind venue year doi arxivId
      authors { name person { slug } } authorsTruncated } }
  } }
}`;

// The WorkFilter the form's values make; null when nothing narrows.
function toFilter({ yearFrom, yearTo, kind, text }) {
  const f = {};
  if (yearFrom !== '') f.yearFrom = Number(yearFrom);
  if (yearTo !== '') f.yearTo = Number(yearTo);
  if (kind) f.kinds = [kind];
  if (text.trim()) f.text = text.trim();
  return Object.keys(f).length > 0 ? f : null;
}

// A fetch that follows its arguments, dropping answers that arrive late.
function useQuery(query, variables) {
  const [state, setState] = useState({});
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    const ticket = ++latest.current;
    gql(query, variables)
      .then((data) => ticket === latest.current && setState({ data, key }))
      .catch((e) => ticket === latest.current && setState({ error: e.message, key }));
  }, [key]);
  return state;
}

export function Works({ slug, name, kinds }) {
  const [form, setForm] = useState({ yearFrom: '', yearTo: '', kind: '', text: '' });
  const [text, setText] = useState('');
  const [page, setPage] = useState({ first: PAGE });
  const filter = toFilter(form);

  useEffect(() => {
    const t = setTimeout(() => text !== form.text && change('text', text), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  function change(field, value) {
    setForm((f) => ({ ...f, [field]: value }));
    setPage({ first: PAGE });
  }

  const facets = useQuery(FACETS, { slug, filter });
  const list = useQuery(LIST, { slug, filter, ...page });
  const works = list.data?.person?.works;
  const conn = facets.data?.person?.works;

  return (
    <>
      <section class="panel" aria-labelledby="per-year">
        <h2 id="per-year">Works per year</h2>
        {facets.error && <p class="error" role="alert">{facets.error}</p>}
        {conn ? <YearChart years={conn.facets.years} total={conn.totalCount}
          what={filter ? `${name}'s works that match the filters` : `${name}'s authored works`} />
          : !facets.error && <p aria-busy="true">Loading…</p>}
      </section>
      <section class="panel" aria-labelledby="works">
        <h2 id="works">Works</h2>
        <form class="filters" aria-label="Filter works" onSubmit={(e) => { e.preventDefault(); change('text', text); }}>
          <label>From year
            <input type="number" name="yearFrom" inputMode="numeric" min="1900" max="2100"
              onChange={(e) => change('yearFrom', e.currentTarget.value)} />
          </label>
          <label>To year
            <input type="number" name="yearTo" inputMode="numeric" min="1900" max="2100"
              onChange={(e) => change('yearTo', e.currentTarget.value)} />
          </label>
          <label>Kind
            <select name="kind" value={form.kind} onChange={(e) => change('kind', e.currentTarget.value)}>
              <option value="">Any kind</option>
              {kinds.map((k) => <option key={k.value} value={k.value}>{words(k.value)} ({k.count})</option>)}
            </select>
          </label>
          <label>Words in title or abstract
            <input type="search" name="text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
        </form>
        <p aria-live="polite" class="muted" data-testid="works-count">
          {works ? `${works.totalCount} ${works.totalCount === 1 ? 'work' : 'works'}${filter ? ' match' : ''}` : ''}
        </p>
        {list.error && <p class="error" role="alert">{list.error}</p>}
        {works && <WorkList works={works} />}
        {works && <Pager info={works.pageInfo} setPage={setPage} />}
      </section>
    </>
  );
}

function WorkList({ works }) {
  if (works.edges.length === 0) return <p>No works match.</p>;
  return (
    <ol class="plain" aria-label="Works" data-testid="works-list">
      {works.edges.map(({ node: w }) => (
        <li key={w.id}>
          <span class="work-title">{w.title}</span>{' '}
          <span class="tag">{words(w.kind)}</span>
          <br />
          <span class="muted">
            {w.authors.map((a) => a.name).join(', ')}{w.authorsTruncated ? ' et al.' : ''}
            {w.venue ? ` · ${w.venue}` : ''}{w.year ? ` · ${w.year}` : ''}
          </span>
          {w.doi && <> · <a href={`https://doi.org/${w.doi}`}>DOI<span class="visually-hidden"> of {w.title}</span></a></>}
          {w.arxivId && <> · <a href={`https://arxiv.org/abs/${w.arxivId}`}>arXiv<span class="visually-hidden"> of {w.title}</span></a></>}
        </li>
      ))}
    </ol>
  );
}

function Pager({ info, setPage }) {
  if (!info.hasNextPage && !info.hasPreviousPage) return null;
  return (
    <nav class="pager" aria-label="Pages of works">
      <button type="button" disabled={!info.hasPreviousPage}
        onClick={() => setPage({ last: PAGE, before: info.startCursor })}>Previous</button>
      <button type="button" disabled={!info.hasNextPage}
        onClick={() => setPage({ first: PAGE, after: info.endCursor })}>Next</button>
    </nav>
  );
}
