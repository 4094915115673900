// /people/{slug}: one person's profile, from the public API only. The
// header (name, current appointments, links, counts), the downloads, the
// career as a Gantt chart, co-authors (a ranking and a small graph),
// similar people, grants, talks, patents, teaching, service, and the works
// with their filters and chart (works.jsx). A section with nothing in it
// says so; a slug nobody has says that (the server answers it with 404).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql, showDate, showSpan, words } from './api.js';
import { Layout, Status } from './layout.jsx';
import { Gantt } from './gantt.jsx';
import { CoauthorGraph } from './graph.jsx';
import { Works } from './works.jsx';

const PROFILE = `query Profile($slug: String!) {
  person(slug: $slug) {
    slug name orcid summary interests
    links { kind url label }
    appointments { title current organization { name } }
    stats { works listedWorks firstYear lastYear coauthors appointments education
      grants talks patents teaching service sources }
    timeline { kind title lane startDate endDate current organization { name } }
    authored: works(relation: AUTHOR) { facets {
      kinds { value count } venues(first: 8) { value count } categories(first: 8) { value count } } }
    coauthors(first: 10) { totalCount edges { sharedWorks firstYear lastYear node { slug name } } }
    coauthorGraph(first: 12) { nodes { slug name } edges { source { slug } target { slug } sharedWorks } }
    similar(first: 5) { score reasons person { slug name } }
    grants { title kind role amount currency amountText awardNumber
      startDate startDateText endDate endDateText funder { name } }
    talks { title presentations { event location date dateText virtual host { name } } }
    patents { title number status date dateText }
    teaching { course role note organization { name } terms { season year } }
    service { kind role venues startDate startDateText endDate endDateText organization { name } }
  }
}`;

// The downloads: every export a profile offers, by its file extension
// (src/export/mod.rs `Format::extension`).
const DOWNLOADS = [
  ['BibTeX', 'bib'],
  ['CSL-JSON', 'csl.json'],
  ['RIS', 'ris'],
  ['JSON Resume', 'resume.json'],
  ['CSV (works)', 'works.csv'],
  ['CSV (timeline)', 'timeline.csv'],
  ['Markdown CV', 'md'],
];

function slugOfPath() {
  const rest = location.pathname.replace(/^\/people\//, '').replace(/\/$/, '');
  return decodeURIComponent(rest);
}

function Profile() {
  const slug = slugOfPath();
  const [state, setState] = useState({});
  useEffect(() => {
    gql(PROFILE, { slug })
      .then((data) => setState({ data }))
      .catch((e) => setState({ error: e.message }));
  }, [slug]);
  return (
    <Layout>
      <Status state={state}>
        {(data) => (data.person ? <Person p={data.person} /> : <NotFound slug={slug} />)}
      </Status>
    </Layout>
  );
}

function NotFound({ slug }) {
  useEffect(() => { document.title = 'Not found — Vitae'; }, []);
  return (
    <>
      <h1>Not found</h1>
      <p>Nobody has the slug “{slug}”. <a href="/people">Find a person</a>.</p>
    </>
  );
}

function Person({ p }) {
  useEffect(() => { document.title = `${p.name} — Vitae`; }, [p.name]);
  return (
    <>
      <Header p={p} />
      <Downloads slug={p.slug} name={p.name} />
      <section class="panel" aria-labelledby="career">
        <h2 id="career">Career</h2>
        <Gantt entries={p.timeline} name={p.name} />
      </section>
      <Works slug={p.slug} name={p.name} kinds={p.authored.facets.kinds} />
      <Coauthors p={p} />
      <div class="grid">
        <Similar similar={p.similar} />
        <Venues facets={p.authored.facets} />
      </div>
      <Grants grants={p.grants} />
      <Talks talks={p.talks} />
      <div class="grid">
        <Patents patents={p.patents} />
        <Teaching teaching={p.teaching} />
        <Service service={p.service} />
      </div>
    </>
  );
}

function Header({ p }) {
  const current = p.appointments.filter((a) => a.current);
  const links = p.links.filter((l) => l.url);
  const s = p.stats;
  const years = s.firstYear != null ? `${s.firstYear}–${s.lastYear}` : null;
  const stats = [
    ['works', s.works], ['listed works', s.listedWorks], ['co-authors', s.coauthors],
    ['appointments', s.appointments], ['education', s.education], ['grants', s.grants],
    ['talks', s.talks], ['patents', s.patents], ['courses', s.teaching], ['service', s.service],
    ['sources', s.sources],
  ];
  return (
    <header aria-labelledby="name">
      <h1 id="name">{p.name}</h1>
      {current.length > 0 && (
        <ul class="plain" aria-label="Current appointments">
          {current.map((a, i) => <li key={i}>{a.title}, {a.organization.name}</li>)}
        </ul>
      )}
      {links.length > 0 && (
        <ul class="links" aria-label="Links">
          {links.map((l, i) => (
            <li key={i}><a href={l.url}>{l.label || words(l.kind)}</a></li>
          ))}
        </ul>
      )}
      {p.orcid && <p class="muted">ORCID {p.orcid}</p>}
      <ul class="stats" aria-label="Counts" data-testid="stats">
        {stats.map(([label, n]) => <li key={label}><b>{n}</b> {label}</li>)}
        {years && <li>active <b>{years}</b></li>}
      </ul>
      {p.interests.length > 0 && <p><span class="muted">Interests:</span> {p.interests.join(' · ')}</p>}
    </header>
  );
}

function Downloads({ slug, name }) {
  return (
    <section class="panel" aria-labelledby="downloads">
      <h2 id="downloads">Downloads</h2>
      <ul class="downloads">
        {DOWNLOADS.map(([label, ext]) => (
          <li key={ext}>
            <a href={`/export/people/${slug}.${ext}`} download={`${slug}.${ext}`}
              aria-label={`Download ${name}'s ${label}`}>{label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// A titled panel that says so when it has nothing to list.
function Panel({ id, title, items, children }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? <p class="muted">None recorded.</p> : children}
    </section>
  );
}

function Coauthors({ p }) {
  const c = p.coauthors;
  return (
    <Panel id="coauthors" title={`Co-authors (${c.totalCount})`} items={c.edges}>
      <div class="grid">
        <div>
          <h3>Most shared works</h3>
          <ol class="plain" aria-label="Co-authors, most shared works first">
            {c.edges.map((e) => (
              <li key={e.node.slug}>
                <a href={`/people/${e.node.slug}`}>{e.node.name}</a>{' '}
                <span class="muted">{e.sharedWorks} shared {e.sharedWorks === 1 ? 'work' : 'works'}
                  {e.firstYear != null ? `, ${years(e.firstYear, e.lastYear)}` : ''}</span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>Who works with whom</h3>
          <CoauthorGraph graph={p.coauthorGraph} name={p.name} />
        </div>
      </div>
    </Panel>
  );
}

function years(first, last) {
  return first === last ? String(first) : `${first}–${last}`;
}

function Similar({ similar }) {
  return (
    <Panel id="similar" title="Similar people" items={similar}>
      <ol class="plain">
        {similar.map((s) => (
          <li key={s.person.slug}>
            <a href={`/people/${s.person.slug}`}>{s.person.name}</a>{' '}
            <span class="muted">score {s.score.toFixed(2)}</span>
            <ul class="reasons">{s.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function Venues({ facets }) {
  const lists = [['Top venues', facets.venues], ['Top arXiv categories', facets.categories]];
  return (
    <Panel id="venues" title="Where the works appear" items={[...facets.venues, ...facets.categories]}>
      {lists.filter(([, l]) => l.length > 0).map(([title, l]) => (
        <div key={title}>
          <h3>{title}</h3>
          <ul class="plain">{l.map((v) => <li key={v.value}>{v.value} <span class="muted">({v.count})</span></li>)}</ul>
        </div>
      ))}
    </Panel>
  );
}

function Grants({ grants }) {
  return (
    <Panel id="grants" title="Grants and awards" items={grants}>
      <ul class="plain">
        {grants.map((g, i) => (
          <li key={i}>
            <b>{g.title}</b> <span class="tag">{words(g.kind)}</span>
            <br />
            <span class="muted">
              {[g.role && `role: ${g.role}`, amount(g), g.funder?.name, g.awardNumber,
                showSpan(g.startDate, g.endDate, { startText: g.startDateText, endText: g.endDateText })]
                .filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function amount(g) {
  if (g.amountText) return g.currency ? `${g.amountText} ${g.currency}` : g.amountText;
  if (g.amount) return `${Number(g.amount).toLocaleString('en-US')} ${g.currency ?? ''}`.trim();
  return null;
}

function Talks({ talks }) {
  return (
    <Panel id="talks" title="Talks" items={talks}>
      <ul class="plain">
        {talks.map((t, i) => (
          <li key={i}>
            <b>{t.title}</b>
            <ul class="reasons">
              {t.presentations.map((pr, j) => (
                <li key={j}>
                  {[pr.event, pr.host?.name, pr.location, pr.virtual ? 'online' : null, showDate(pr.date, pr.dateText)]
                    .filter(Boolean).join(' · ')}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Patents({ patents }) {
  return (
    <Panel id="patents" title="Patents" items={patents}>
      <ul class="plain">
        {patents.map((pt, i) => (
          <li key={i}>
            <b>{pt.title}</b><br />
            <span class="muted">{[pt.number, pt.status, showDate(pt.date, pt.dateText)].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Teaching({ teaching }) {
  return (
    <Panel id="teaching" title="Teaching" items={teaching}>
      <ul class="plain">
        {teaching.map((t, i) => (
          <li key={i}>
            <b>{t.course}</b> <span class="muted">({t.role})</span><br />
            <span class="muted">
              {[t.organization?.name, t.note, t.terms.map((x) => `${x.season} ${x.year}`).join(', ')]
                .filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Service({ service }) {
  return (
    <Panel id="service" title="Service" items={service}>
      <ul class="plain">
        {service.map((s, i) => (
          <li key={i}>
            <b>{s.role}</b> <span class="tag">{words(s.kind)}</span><br />
            <span class="muted">
              {[s.venues.join(', '), s.organization?.name,
                showSpan(s.startDate, s.endDate, { startText: s.startDateText, endText: s.endDateText })]
                .filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

// The placeholder ("Loading…") goes: render adds to what it finds.
const app = document.getElementById('app');
app.replaceChildren();
render(<Profile />, app);
