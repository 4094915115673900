// Works per year as bars, from `WorkConnection.facets.years` (counts over
// the whole filtered list, so the bars add up to its `totalCount`), drawn
// by Observable Plot. Every year between the first and the last has a
// place on the axis, so a gap reads as a gap; works without a year get a
// last bar, "n.d.". A visually hidden table says the same in text.
import { barY, plot, ruleY } from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import { useWidth } from './size.js';

const UNDATED = 'n.d.';

export function YearChart({ years, total, what }) {
  const [ref, width] = useWidth();
  const data = years.map((y) => ({ label: y.value == null ? UNDATED : String(y.value), count: y.count }));
  const label = `Works per year, ${what}: ${total} in all`;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren(draw(data, width, label));
  }, [JSON.stringify(data), width, label]);

  if (data.length === 0) return <p>No works to chart.</p>;
  return (
    <figure class="chart" style={{ margin: 0 }}>
      <div ref={ref} data-testid="year-chart" />
      <figcaption class="muted">{label}{data.some((d) => d.label === UNDATED) ? '; n.d.: no year' : ''}</figcaption>
      <div class="visually-hidden"><table>
        <caption>{label}</caption>
        <thead><tr><th scope="col">Year</th><th scope="col">Works</th></tr></thead>
        <tbody>
          {data.map((d) => <tr key={d.label}><td>{d.label}</td><td>{d.count}</td></tr>)}
        </tbody>
      </table></div>
    </figure>
  );
}

function draw(data, width, label) {
  const dated = data.filter((d) => d.label !== UNDATED).map((d) => Number(d.label));
  const domain = [];
  if (dated.length > 0) {
    for (let y = Math.min(...dated); y <= Math.max(...dated); y++) domain.push(String(y));
  }
  if (data.some((d) => d.label === UNDATED)) domain.push(UNDATED);
  const every = Math.max(1, Math.ceil(domain.length / Math.floor(width / 40)));
  const svg = plot({
    width,
    height: 220,
    marginLeft: 36,
    style: { fontSize: '11px', color: '#1b1f24' },
    ariaLabel: label,
    x: {
      type: 'band',
      domain,
      label: null,
      ticks: domain.filter((d, i) => i % every === 0 || d === UNDATED),
    },
    y: { label: 'works', grid: true, tickFormat: 'd' },
    marks: [
      barY(data, { x: 'label', y: 'count', fill: '#2f6fdf', title: (d) => `${d.label}: ${d.count}` }),
      ruleY([0]),
    ],
  });
  // The figure is one image with one name; Plot's names for its parts
  // (aria-label on plain groups) are not allowed there, so they become data.
  svg.setAttribute('role', 'img');
  for (const g of svg.querySelectorAll('g[aria-label]')) {
    g.dataset.mark = g.getAttribute('aria-label');
    g.removeAttribute('aria-label');
  }
  return svg;
}
