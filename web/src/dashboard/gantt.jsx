// The career as a Gantt chart: one bar per appointment and education entry
// of `Person.timeline`, in the API's order (by start), each in the row the
// API gives it (`lane`: overlapping entries never share one). An open entry
// runs to today, which a line marks. Plain SVG; a visually hidden table
// says the same in text.
import { useWidth } from './size.js';
import { showDate, words } from './api.js';

const ROW = 30;
const TOP = 26;
const CHAR_PX = 6.8;
const COLOURS = { APPOINTMENT: 'var(--bar)', EDUCATION: 'var(--bar-edu)' };

// A PartialDate as a fractional year, at the start or just past the end of
// the period it names ("2016" ends at 2017.0, "2016-05" at 2016 + 5/12).
export function yearAt(date, edge) {
  const [y, m, d] = date.split('-').map(Number);
  if (!m) return edge === 'end' ? y + 1 : y;
  if (!d) return y + (edge === 'end' ? m : m - 1) / 12;
  return y + (m - 1) / 12 + (edge === 'end' ? d : d - 1) / 365;
}

function todayYear() {
  const now = new Date();
  const start = Date.UTC(now.getUTCFullYear(), 0, 1);
  return now.getUTCFullYear() + (now.getTime() - start) / (365.25 * 86400e3);
}

export function Gantt({ entries, name }) {
  const [ref, width] = useWidth();
  if (entries.length === 0) return <p>No appointments or education with a date.</p>;
  const today = todayYear();
  const bars = entries.map((e) => {
    const from = yearAt(e.startDate, 'start');
    let to = e.current ? today : e.endDate ? yearAt(e.endDate, 'end') : from + 1 / 12;
    return { ...e, from, to: Math.max(to, from + 1 / 24) };
  });
  const min = Math.floor(Math.min(...bars.map((b) => b.from)));
  const max = Math.ceil(Math.max(today, ...bars.map((b) => b.to)));
  const lanes = Math.max(...entries.map((e) => e.lane)) + 1;
  const height = TOP + lanes * ROW + 8;
  const x = (year) => 8 + ((year - min) / (max - min)) * (width - 16);
  const step = Math.max(1, Math.ceil((max - min) / Math.floor(width / 48)));
  const ticks = [];
  for (let year = min; year <= max; year += step) ticks.push(year);
  const label = `Timeline of ${name}'s appointments and education, ${min} to today: ${entries.length} entries in ${lanes} rows`;

  return (
    <div class="gantt" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
        aria-label={label} data-testid="gantt">
        <title>{label}</title>
        {ticks.map((year) => (
          <g key={year}>
            <line x1={x(year)} x2={x(year)} y1={TOP - 6} y2={height} stroke="#d0d7de" />
            {x(year) + 30 < width && (
              <text x={x(year) + 2} y={TOP - 10} font-size="11" fill="#57606a">{year}</text>
            )}
          </g>
        ))}
        {bars.map((b, i) => {
          const x0 = x(b.from);
          const w = Math.max(3, x(b.to) - x0);
          const text = `${b.title}, ${b.organization?.name ?? ''}`;
          const fits = Math.floor((w - 8) / CHAR_PX);
          return (
            <g key={i} class="bar" data-lane={b.lane} data-kind={b.kind} data-start={b.startDate}>
              <rect x={x0} y={TOP + b.lane * ROW + 3} width={w} height={ROW - 6} rx="3"
                fill={COLOURS[b.kind] ?? 'var(--bar)'} fill-opacity={b.current ? 0.85 : 1}>
                <title>{`${words(b.kind)}: ${text} (${span(b)})`}</title>
              </rect>
              {fits >= 4 && (
                <text x={x0 + 4} y={TOP + b.lane * ROW + ROW / 2 + 4} font-size="11" fill="#fff">
                  {text.length > fits ? `${text.slice(0, fits - 1)}…` : text}
                </text>
              )}
            </g>
          );
        })}
        <g class="today">
          <line x1={x(today)} x2={x(today)} y1={TOP - 6} y2={height} stroke="var(--today)"
            stroke-width="2" stroke-dasharray="4 3" />
          <text x={x(today) - 4} y={height - 2} font-size="11" fill="var(--today)" text-anchor="end">today</text>
        </g>
      </svg>
      <p class="legend" aria-hidden="true">
        <span><span class="swatch" style={{ background: COLOURS.APPOINTMENT }} />appointment</span>
        <span><span class="swatch" style={{ background: COLOURS.EDUCATION }} />education</span>
        <span><span class="swatch" style={{ background: 'var(--today)' }} />today</span>
      </p>
      <div class="visually-hidden"><table>
        <caption>{label}</caption>
        <thead><tr><th scope="col">Kind</th><th scope="col">Title</th><th scope="col">Where</th><th scope="col">When</th><th scope="col">Row</th></tr></thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i}><td>{words(e.kind)}</td><td>{e.title}</td><td>{e.organization?.name ?? ''}</td>
              <td>{span(e)}</td><td>{e.lane + 1}</td></tr>
          ))}
        </tbody>
      </table></div>
    </div>
  );
}

function span(e) {
  const end = e.current ? 'present' : e.endDate ? showDate(e.endDate) : '';
  return end ? `${showDate(e.startDate)} – ${end}` : showDate(e.startDate);
}
