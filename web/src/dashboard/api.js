// The dashboard's only way to the data: POST /graphql, the public API, on
// whatever host and port served the page. A response with `errors` is a
// failure here: every query the pages send is valid, so an error is news
// (a bad filter value, a server refusing under load) to show, not to hide.

export async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length > 0) {
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  return body.data;
}

// The words of an enum value, for display: CONFERENCE_PAPER → "conference paper".
export function words(value) {
  return value.toLowerCase().replaceAll('_', ' ');
}

// A PartialDate ("2016", "2016-05", "2016-05-17") for reading: "May 2016".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function showDate(date, text) {
  if (!date) return text ?? '';
  const [y, m, d] = date.split('-');
  if (!m) return y;
  return `${d ? `${Number(d)} ` : ''}${MONTHS[Number(m) - 1]} ${y}`;
}

// A span of two dates: "May 2016 – present", "2019 – 2021", "2020".
export function showSpan(start, end, { startText, endText, open } = {}) {
  const from = showDate(start, startText);
  const to = open ? 'present' : showDate(end, endText);
  if (!to || to === from) return from;
  return `${from} – ${to}`;
}
