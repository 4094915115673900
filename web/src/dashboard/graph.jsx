// A small co-author graph from `Person.coauthorGraph`: the person in the
// middle (`nodes[0]`), the co-authors around a circle, a line for each pair
// that shares works, thicker the more they share. Plain SVG, laid out
// without physics so it is the same on every load; the ranking beside it
// and a visually hidden table say the same in text.
const WIDTH = 540;
const HEIGHT = 360;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 140;

export function CoauthorGraph({ graph, name }) {
  if (graph.nodes.length <= 1) return <p>No co-authors.</p>;
  const [me, ...others] = graph.nodes;
  const at = new Map([[me.slug, { x: CX, y: CY }]]);
  others.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / others.length - Math.PI / 2;
    at.set(n.slug, { x: CX + RADIUS * Math.cos(angle), y: CY + RADIUS * Math.sin(angle), angle });
  });
  const most = Math.max(...graph.edges.map((e) => e.sharedWorks), 1);
  const names = new Map(graph.nodes.map((n) => [n.slug, n.name]));
  const label = `Co-author graph of ${name}: ${others.length} co-authors, ${graph.edges.length} collaborations`;
  return (
    <div class="graph">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
        <title>{label}</title>
        {graph.edges.map((e, i) => {
          const a = at.get(e.source.slug);
          const b = at.get(e.target.slug);
          if (!a || !b) return null;
          return <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#8c959f"
            stroke-opacity="0.7" stroke-width={1 + (4 * e.sharedWorks) / most} />;
        })}
        {others.map((n) => {
          const p = at.get(n.slug);
          const right = Math.cos(p.angle) >= 0;
          const lx = p.x + (right ? 9 : -9);
          return (
            <g key={n.slug}>
              <circle cx={p.x} cy={p.y} r="6" fill="#2f6fdf" />
              <text x={lx} y={p.y + 4} font-size="11" fill="#1b1f24" text-anchor={right ? 'start' : 'end'}>
                {short(n.name)}
              </text>
            </g>
          );
        })}
        <circle cx={CX} cy={CY} r="10" fill="#c2185b" />
        <text x={CX} y={CY + 24} font-size="12" font-weight="700" fill="#1b1f24" text-anchor="middle">{me.name}</text>
      </svg>
      <div class="visually-hidden"><table>
        <caption>{label}</caption>
        <thead><tr><th scope="col">Co-author</th><th scope="col">Co-author</th><th scope="col">Shared works</th></tr></thead>
        <tbody>
          {graph.edges.map((e, i) => (
            <tr key={i}><td>{names.get(e.source.slug)}</td><td>{names.get(e.target.slug)}</td><td>{e.sharedWorks}</td></tr>
          ))}
        </tbody>
      </table></div>
    </div>
  );
}

function short(name) {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}
