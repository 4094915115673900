// Runs the README's client recipes (between `<!-- recipe:NAME -->` and
// `<!-- /recipe -->`) as printed against a running Vitae server with the
// seeds: Apollo Client and urql graphcache page Qi Lei's works and
// co-authors and must merge them with no warning; GraphQL Code Generator
// generates types from schema.graphql that tsc --strict accepts. Prints
// one JSON summary line. Usage: node tests/clients.mjs http://127.0.0.1:PORT
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(web, "..");
const base = process.argv[2];
if (!base) throw new Error("usage: node tests/clients.mjs BASE_URL");
setTimeout(() => { console.error("timed out"); process.exit(2); }, 120_000).unref();

const readme = readFileSync(join(root, "README.md"), "utf8");
function recipe(name) {
  const m = readme.match(new RegExp(`<!-- recipe:${name} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\s*<!-- /recipe -->`));
  if (!m) throw new Error(`no recipe:${name} in README.md`);
  return m[1];
}
// A module in web/clients/node_modules (so its imports resolve there) made of the recipe plus `tail`.
const modules = join(web, "clients", "node_modules"); // web/clients/package.json
const scratch = mkdtempSync(join(modules, ".clients-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
async function load(name, tail) {
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, recipe(name) + "\n" + tail);
  return import(pathToFileURL(file).href);
}

const warnings = [];
for (const level of ["warn", "error"]) {
  const original = console[level];
  console[level] = (...args) => { warnings.push(`${level}: ${args.map(String).join(" ")}`); original(...args); };
}
function check(cond, what) { if (!cond) throw new Error(`check failed: ${what}`); }

const WHOLE_CV = readFileSync(join(root, "bench/whole_cv.graphql"), "utf8");
const PAGES = `query Pages($slug: String!, $after: String, $coAfter: String) {
  person(slug: $slug) {
    id
    works(first: 10, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id title authors { position name person { slug } } } }
    }
    coauthors(first: 100, after: $coAfter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { slug } sharedWorks }
    }
  }
}`;
writeFileSync(join(scratch, "deps.mjs"), 'export * as graphql from "graphql"; export * as apollo from "@apollo/client";\n');
const deps = await import(pathToFileURL(join(scratch, "deps.mjs")).href);
const graphql = deps.graphql;
const gql = graphql.parse;

async function fetchJson(query, variables) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(20_000),
  });
  const body = await res.json();
  check(!body.errors, JSON.stringify(body.errors));
  return body.data;
}

// The truth, straight from the server: the first 20 works and all co-authors.
const truth = (await fetchJson(`{ person(slug: "qi-lei") { works(first: 20) { edges { node { id } } } coauthors { totalCount } } }`)).person;
const first20 = truth.works.edges.map((e) => e.node.id);
const coauthorCount = truth.coauthors.totalCount;
check(coauthorCount > 100, `only ${coauthorCount} co-authors: no second page`);

async function apollo(withRecipe) {
  const { ApolloClient, HttpLink, InMemoryCache } = deps.apollo;
  const { cache } = await load("apollo", "export { cache };");
  const client = new ApolloClient({
    cache: withRecipe ? cache : new InMemoryCache(),
    link: new HttpLink({ uri: `${base}/graphql` }),
  });
  const cv = await client.query({ query: gql(WHOLE_CV), variables: { slug: "qi-lei" } });
  const again = client.readQuery({ query: gql(WHOLE_CV), variables: { slug: "qi-lei" } });
  const cvIntact = JSON.stringify(again) === JSON.stringify(cv.data);
  // Each work's authorships, as the CV gave them, for the works paged in later.
  const authorsOf = new Map(cv.data.person.works.edges.map((e) => [e.node.id, JSON.stringify(
    e.node.authors.map((a) => ({ position: a.position, name: a.name, slug: a.person?.slug ?? null })))]));
  const query = gql(PAGES);
  const variables = { slug: "qi-lei" };
  const page1 = await client.query({ query, variables });
  const p = page1.data.person;
  const watch = client.watchQuery({ query, variables });
  await watch.fetchMore({ variables: { after: p.works.pageInfo.endCursor, coAfter: p.coauthors.pageInfo.endCursor } });
  const merged = client.readQuery({ query, variables }).person;
  const authorsIntact = cvIntact && merged.works.edges.every((e) => authorsOf.get(e.node.id) === JSON.stringify(
    e.node.authors.map((a) => ({ position: a.position, name: a.name, slug: a.person?.slug ?? null }))));
  client.stop();
  return {
    works: merged.works.edges.map((e) => e.node.id),
    coauthors: new Set(merged.coauthors.edges.map((e) => e.node.slug)).size,
    authorsIntact,
  };
}

// graphcache keys entities by `id` and, unlike Apollo, does not add it to a
// query: every selection on a type with an `id` asks for it, as a urql user's would.
async function withIds(text) {
  const { buildSchema, TypeInfo, visit, visitWithTypeInfo, getNamedType, print, Kind } = graphql;
  const schema = buildSchema(readFileSync(join(root, "schema.graphql"), "utf8"));
  const info = new TypeInfo(schema);
  const idField = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "id" } };
  return print(visit(gql(text), visitWithTypeInfo(info, {
    SelectionSet(node) {
      const type = getNamedType(info.getType());
      const hasId = type && type.getFields && type.getFields().id;
      const asked = node.selections.some((f) => f.kind === Kind.FIELD && f.name.value === "id");
      return hasId && !asked ? { ...node, selections: [idField, ...node.selections] } : undefined;
    },
  })));
}

async function urql() {
  // The recipe's client, pointed at this server's port.
  const src = recipe("urql").replace("http://127.0.0.1:8080", base);
  const fresh = async (name) => {
    const file = join(scratch, `${name}.mjs`);
    writeFileSync(file, src + "\nexport { client };");
    return (await import(pathToFileURL(file).href)).client;
  };
  // The CV on its own client: its works edges have no `cursor`, so a page
  // asking for cursors would be a partial read of the same merged list.
  const cvClient = await fresh("urql-cv");
  const cv = await cvClient.query(gql(await withIds(WHOLE_CV)), { slug: "qi-lei" }).toPromise();
  check(!cv.error && cv.data.person.works.edges.length > 20, `urql cv ${cv.error}`);
  const cached = await cvClient.query(gql(await withIds(WHOLE_CV)), { slug: "qi-lei" }, { requestPolicy: "cache-only" }).toPromise();
  check(JSON.stringify(cached.data) === JSON.stringify(cv.data), "urql cv read back from the cache");
  const client = await fresh("urql-pages");
  const query = gql(await withIds(PAGES));
  const first = await client.query(query, { slug: "qi-lei" }).toPromise();
  check(!first.error && first.data, `urql ${first.error} ${JSON.stringify(Object.keys(first))} ${first.stale}`);
  const p = first.data.person;
  await client.query(query, { slug: "qi-lei", after: p.works.pageInfo.endCursor, coAfter: p.coauthors.pageInfo.endCursor }).toPromise();
  const merged = await client.query(query, { slug: "qi-lei" }, { requestPolicy: "cache-only" }).toPromise();
  const m = merged.data.person;
  return { works: m.works.edges.map((e) => e.node.id), coauthors: new Set(m.coauthors.edges.map((e) => e.node.slug)).size };
}

// The README's codegen.ts in a project holding schema.graphql and the CV
// query; then tsc --strict on a file using the generated types.
function codegen() {
  const dir = join(scratch, "codegen");
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "codegen.ts"), recipe("codegen"));
  writeFileSync(join(dir, "schema.graphql"), readFileSync(join(root, "schema.graphql")));
  writeFileSync(join(dir, "src/cv.graphql"), WHOLE_CV);
  writeFileSync(join(dir, "src/facts.graphql"), "query Facts($slug: String!) { person(slug: $slug) { statements { fact } } }\n");
  const bin = (name) => join(modules, ".bin", name);
  execFileSync(bin("graphql-codegen"), ["--config", "codegen.ts"], { cwd: dir, timeout: 60_000, stdio: "pipe" });
  const generated = readFileSync(join(dir, "src/generated/graphql.ts"), "utf8");
  writeFileSync(join(dir, "src/use.ts"), `import type { WholeCvQuery, FactsQuery } from "./generated/graphql";
declare const cv: WholeCvQuery;
declare const facts: FactsQuery;
const start: string | null | undefined = cv.person?.appointments[0]?.startDate;
const amount: string | null | undefined = cv.person?.grants[0]?.amount;
const fact: unknown = facts.person?.statements[0]?.fact;
// @ts-expect-error JSON is \`unknown\`: not usable as a string without a check
const notAString: string | undefined = facts.person?.statements[0]?.fact;
export { start, amount, fact, notAString };
`);
  execFileSync(bin("tsc"), ["--noEmit", "--strict", "--skipLibCheck", "src/use.ts"], { cwd: dir, timeout: 60_000, stdio: "pipe" });
  return {
    partialDate: /startDate: string \| null/.test(generated),
    json: /fact: unknown/.test(generated),
    typeChecked: true,
  };
}

const before = warnings.length;
const withRecipe = await apollo(true);
const apolloWarnings = warnings.slice(before);
check(JSON.stringify(withRecipe.works) === JSON.stringify(first20), `apollo works ${withRecipe.works}`);
check(withRecipe.coauthors === coauthorCount, `apollo coauthors ${withRecipe.coauthors}`);
check(withRecipe.authorsIntact, "apollo authorships read back intact");
const plain = await apollo(false);
const controlWarnings = warnings.length - before;
check(plain.works.length === 10, `without the recipe apollo merged ${plain.works.length} works`);
warnings.length = before; // the control's warnings are expected
const u = await urql();
const urqlWarnings = warnings.slice(before);
check(JSON.stringify(u.works) === JSON.stringify(first20), `urql works ${u.works}`);
check(u.coauthors === coauthorCount, `urql coauthors ${u.coauthors}`);

console.log(JSON.stringify({
  apollo: { works: withRecipe.works.length, distinct: new Set(withRecipe.works).size, coauthors: withRecipe.coauthors, authorsIntact: withRecipe.authorsIntact, warnings: apolloWarnings },
  apolloWithout: { works: plain.works.length, coauthors: plain.coauthors, warnings: controlWarnings },
  urql: { works: u.works.length, distinct: new Set(u.works).size, coauthors: u.coauthors, warnings: urqlWarnings },
  coauthorCount,
  codegen: codegen(),
}));
