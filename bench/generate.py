#!/usr/bin/env python3
"""Writes one synthetic Vitae source bundle ("vitae-bundle/1") for the load
benchmark. Python 3 standard library only; deterministic (fixed seed): the
same arguments always give the same bytes.

The bundle holds:
- `--people` people, each with a `slug` (`bench-p-000000` …) so the importer
  matches them by slug, never by name;
- `--profiles` "profile" people (`bench-profile-0` …) with the size of a
  real whole CV: `--profile-works` works each (about six authors, the profile
  person among them), 10 appointments, 3 degrees, 10 grants, a few talks,
  teaching, service entries, a patent and metrics;
- `--works` works in all (profile works included), each with 2–8 authors
  linked to generated people by key, a unique title from a word list, a year
  in 1990–2025, a kind, a venue, arXiv-style categories ("LG", "stat.ML"),
  and for some an abstract, a DOI, an arXiv id, links and notes;
- a handful of appointments, degrees and grants for ordinary people.

Titles are unique after the importer's folding (lower-case letters and
digits), because the importer matches works by DOI, arXiv id, then folded
title: two equal titles would be merged into one work.

Usage: generate.py --people 10000 --works 300000 --out bench/out/bench.json
"""

import argparse
import json
import os
import random
import re
import sys

SEED = 20240601

GIVEN = """Aiden Alice Amir Ana Andrei Anna Arjun Ava Beatriz Ben Bo Carla Carlos
Chen Chloe Daniel David Deepa Diego Dmitri Elena Eli Emma Ethan Fatima Felix
Gabriel Grace Hana Hannah Hao Hiroshi Ines Isaac Ivan Jae Jakob James Jia
Jin Jonas Jose Julia Kai Karim Katarina Kenji Lars Laura Lea Lei Leo Li
Lina Lucas Lucia Luis Maja Marco Maria Marta Mateo Mei Mia Michael Mihai
Min Mohammed Nadia Naveen Nina Noah Olga Omar Oscar Pablo Paul Pedro Priya
Qi Rafael Ravi Rosa Ruben Sakura Samuel Sara Sergei Shreya Sofia Sun Tariq
Tom Tomas Uma Victor Wei William Xin Yan Yara Yuki Yusuf Zara Zhi""".split()

FAMILY = """Abe Adams Ahmed Alvarez Andersen Bauer Becker Bianchi Brown Carter
Chen Choi Costa Cruz Das Dimitrov Dubois Eriksson Fischer Garcia Gupta Hansen
Hoffmann Huang Ivanova Jensen Johnson Kim Kowalski Kumar Lambert Larsen Lee
Li Lin Liu Lopez Martin Martinez Meyer Moreau Mueller Murphy Nakamura Nguyen
Novak Okafor Olsen Park Patel Petrov Popescu Rao Reyes Ricci Rossi Sato
Schmidt Schneider Shah Silva Singh Smith Suzuki Tanaka Taylor Thomas Torres
Tran Wagner Wang Weber Williams Wilson Wong Wu Xu Yamamoto Yang Yilmaz Zhang
Zhao Zhou Zimmermann""".split()

# Title vocabulary: "<Lead> <Adjective> <Method> for <Object> <Qualifier>".
LEAD = """Towards Revisiting Understanding Rethinking Scaling Learning Provable
Efficient Robust Fast Stochastic Adaptive Private Fair Sparse Distributed
Federated Causal Bayesian Implicit Online Offline Contrastive Provably
Generalized Accelerated""".split()
ADJ = """Low-Rank Kernel Neural Graph Spectral Convex Nonconvex Linear
Hierarchical Variational Gaussian Equivariant Sequential Multi-Task
Self-Supervised Semi-Supervised Transfer Meta Few-Shot Zero-Shot Adversarial
Differentiable Quantized Overparameterized Decentralized Nonparametric
Gradient-Based Second-Order Mirror Randomized Importance-Weighted
Attention-Based Diffusion-Based Energy-Based Score-Based Tensor""".split()
METHOD = """Estimation Optimization Regression Classification Sampling
Representations Embeddings Transformers Networks Policies Bandits Descent
Matrix-Completion Dimensionality-Reduction Clustering Inference Distillation
Pruning Fine-Tuning Pretraining Alignment Calibration Augmentation
Compression Retrieval Generation Reconstruction Denoising Prediction
Control Planning Ranking Factorization Sketching Hashing
Tokenization""".split()
OBJECT = """Language-Models Time-Series Point-Clouds Molecular-Graphs Protein-Structures
Medical-Images Tabular-Data Recommender-Systems Reinforcement-Learning
Inverse-Problems Supply-Chains Sensor-Networks Speech Video Code
Satellite-Imagery Genomics Robotics Federated-Clients Streaming-Data
Knowledge-Graphs Climate-Models Financial-Markets Power-Grids Social-Networks
Text-Classification Image-Segmentation Object-Detection Question-Answering
Machine-Translation Causal-Discovery Anomaly-Detection
Domain-Adaptation""".split()
QUALIFIER = [
    "", "", "", "", "", "with Theoretical Guarantees", "at Scale",
    "under Distribution Shift", "with Limited Labels", "in High Dimensions",
    "without Replacement", "via Random Features", "with Side Information",
    "under Differential Privacy", "in the Overparameterized Regime",
    "with Heavy-Tailed Noise", "Beyond the Worst Case", "on a Budget",
    "for the Masses", "in Linear Time", "with Missing Data",
    "from Noisy Labels", "with Provable Convergence", "under Label Shift",
]
SUBTITLE = """Analysis Perspective Framework Benchmark Study Approach Revisit
Theory Algorithm Survey Toolkit Case-Study""".split()

ABSTRACT_SENTENCES = [
    "We study {m} for {o} and show that {a} methods achieve near-optimal rates.",
    "Existing approaches to {o} rely on strong assumptions that rarely hold in practice.",
    "We propose a {a} algorithm whose sample complexity improves on prior work by a logarithmic factor.",
    "Our analysis relies on a new concentration inequality for {m}.",
    "Experiments on standard benchmarks confirm the theory and show consistent gains over strong baselines.",
    "We further show a matching lower bound, so the rate cannot be improved in general.",
    "The method is simple to implement and scales to millions of examples.",
    "Code and data are publicly available.",
    "We identify a failure mode of {a} {m} and give a principled fix.",
    "Our results extend to the case of {q}.",
]

CONF_VENUES = ["NeurIPS", "ICML", "ICLR", "COLT", "AISTATS", "UAI", "AAAI",
               "IJCAI", "KDD", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP",
               "NAACL", "STOC", "FOCS", "SODA", "ALT", "WWW"]
JOURNAL_VENUES = ["Journal of Machine Learning Research",
                  "IEEE Transactions on Information Theory",
                  "Annals of Statistics", "SIAM Journal on Optimization",
                  "Mathematical Programming", "Biometrika",
                  "Journal of the American Statistical Association",
                  "Transactions on Machine Learning Research",
                  "Neural Computation", "Information and Inference"]
WORKSHOP_VENUES = ["NeurIPS Workshop on Optimization for Machine Learning",
                   "ICML Workshop on Theoretical Foundations",
                   "ICLR Workshop on Trustworthy ML",
                   "NeurIPS Workshop on Distribution Shifts"]
CATEGORIES = ["LG", "stat.ML", "cs.LG", "cs.AI", "cs.CV", "cs.CL", "math.OC",
              "cs.IT", "math.ST", "cs.DS", "cs.CR", "stat.ME", "cs.RO",
              "eess.SP", "q-bio.QM"]
KINDS = (["conference_paper"] * 45 + ["journal_article"] * 25 +
         ["preprint"] * 18 + ["workshop_paper"] * 7 + ["chapter"] * 2 +
         ["report"] * 2 + ["book"] * 1)

UNIVERSITIES = [
    ("Northbridge University", "Northbridge", "MA", "United States"),
    ("University of Westfield", "Westfield", "CA", "United States"),
    ("Eastlake Institute of Technology", "Eastlake", "NY", "United States"),
    ("Southport University", "Southport", None, "United Kingdom"),
    ("Technical University of Altberg", "Altberg", None, "Germany"),
    ("Lakeview University", "Lakeview", "ON", "Canada"),
    ("Hillcrest University", "Hillcrest", None, "Australia"),
    ("Riverside Institute of Science", "Riverside", None, "Switzerland"),
    ("Pinewood University", "Pinewood", None, "Japan"),
    ("Stonegate University", "Stonegate", None, "China"),
    ("Mapleton University", "Mapleton", "TX", "United States"),
    ("Oakridge Polytechnic", "Oakridge", None, "France"),
]
DEPARTMENTS = ["Department of Computer Science", "Department of Statistics",
               "Department of Mathematics",
               "Department of Electrical Engineering",
               "Center for Data Science"]
COMPANIES = ["Blue Delta Research", "Quanta Labs", "Helix AI"]
FUNDERS = ["National Science Foundation", "Office of Naval Research",
           "European Research Council", "Simons Foundation",
           "Sloan Foundation", "Department of Energy"]
APPOINTMENT_TITLES = [
    ("Assistant Professor", "faculty"), ("Associate Professor", "faculty"),
    ("Professor", "faculty"), ("Postdoctoral Researcher", "postdoc"),
    ("Research Scientist", "research_staff"), ("Visiting Researcher", "visiting"),
    ("Research Fellow", "fellowship"), ("Research Intern", "industry"),
    ("Graduate Research Assistant", "student"), ("Adjunct Professor", "other"),
]
DEGREES = [("Ph.D.", "Computer Science"), ("M.S.", "Statistics"),
           ("B.S.", "Mathematics")]
GRANT_KINDS = ["grant", "fellowship", "award", "prize", "honor"]


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fold(title):
    """The importer's matching form of a title, near enough: letters and digits."""
    return re.sub(r"[^a-z0-9]+", "", title.lower())


class Titles:
    """Unique titles (after folding) drawn from the word lists."""

    def __init__(self, rng):
        self.rng = rng
        self.seen = set()

    def next(self):
        r = self.rng
        for attempt in range(1000):
            words = [r.choice(LEAD), r.choice(ADJ), r.choice(METHOD).replace("-", " "),
                     "for", r.choice(OBJECT).replace("-", " ")]
            q = r.choice(QUALIFIER)
            if q:
                words.append(q)
            title = " ".join(words)
            if attempt >= 3:
                title += ": A %s %s" % (r.choice(ADJ).replace("-", " "),
                                        r.choice(SUBTITLE).replace("-", " "))
            if attempt >= 6:
                title += " (Part %d)" % r.randint(2, 99)
            f = fold(title)
            if f not in self.seen:
                self.seen.add(f)
                return title
        raise SystemExit("generate.py: cannot find a unique title")


def make_people(rng, n, profiles):
    people = []
    for i in range(profiles):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        slug = "bench-profile-%d" % i
        people.append({
            "key": slug, "slug": slug, "name": "%s %s" % (g, f),
            "given": g, "family": f,
            "aliases": ["%s, %s" % (f, g), "%s. %s" % (g[0], f)],
            "emails": ["%s@bench.invalid" % slug],
            "links": [
                {"kind": "homepage", "url": "https://bench.invalid/~%s" % slug, "label": "Website"},
                {"kind": "scholar", "url": "https://scholar.bench.invalid/%s" % slug, "label": "Google Scholar"},
                {"kind": "github", "url": "https://github.invalid/%s" % slug},
            ],
            "address": "%d Science Hall, %s" % (100 + i, UNIVERSITIES[i % len(UNIVERSITIES)][0]),
            "phone": "+1 555 010 %04d" % i,
            "summary": ("My research studies %s and %s, with a focus on %s for %s."
                        % (rng.choice(METHOD).lower().replace("-", " "),
                           rng.choice(METHOD).lower().replace("-", " "),
                           rng.choice(ADJ).lower().replace("-", " ") + " methods",
                           rng.choice(OBJECT).lower().replace("-", " "))),
            "interests": [rng.choice(OBJECT).replace("-", " ").lower() for _ in range(4)],
            "topics": sorted(set(rng.choice(CATEGORIES) for _ in range(4))),
        })
        # interests must be unique per person (primary key): dedupe in order.
        people[-1]["interests"] = list(dict.fromkeys(people[-1]["interests"]))
    for i in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        slug = "bench-p-%06d" % i
        p = {"key": slug, "slug": slug, "name": "%s %s" % (g, f)}
        if rng.random() < 0.3:
            p["given"], p["family"] = g, f
        if rng.random() < 0.2:
            p["aliases"] = ["%s. %s" % (g[0], f)]
        people.append(p)
    return people


def make_organizations():
    orgs = []
    for name, city, region, country in UNIVERSITIES:
        key = slugify(name)
        o = {"key": key, "name": name, "kind": "university", "city": city, "country": country}
        if region:
            o["region"] = region
        orgs.append(o)
        for d in DEPARTMENTS:
            orgs.append({"key": "%s--%s" % (key, slugify(d)), "name": d,
                         "kind": "center" if d.startswith("Center") else "department",
                         "parent": key})
    for c in COMPANIES:
        orgs.append({"key": slugify(c), "name": c, "kind": "company"})
    for f in FUNDERS:
        orgs.append({"key": slugify(f), "name": f, "kind": "funder"})
    return orgs


def dept_keys():
    return ["%s--%s" % (slugify(u[0]), slugify(d)) for u in UNIVERSITIES for d in DEPARTMENTS]


def make_work(rng, titles, index, authors, with_profile=False):
    kind = rng.choice(KINDS)
    year = rng.randint(1990, 2025)
    title = titles.next()
    w = {"key": "w-%06d" % index, "title": title, "kind": kind, "year": year}
    if kind == "conference_paper":
        w["venue"] = rng.choice(CONF_VENUES)
        w["pages"] = "%d-%d" % ((p := rng.randint(1, 9000)), p + rng.randint(8, 30))
    elif kind == "journal_article":
        w["venue"] = rng.choice(JOURNAL_VENUES)
        w["volume"] = str(rng.randint(1, 70))
        w["issue"] = str(rng.randint(1, 12))
        w["pages"] = "%d-%d" % ((p := rng.randint(1, 3000)), p + rng.randint(10, 40))
    elif kind == "workshop_paper":
        w["venue"] = rng.choice(WORKSHOP_VENUES)
    elif kind == "preprint":
        w["venue"] = "arXiv"
    if rng.random() < 0.5:
        w["date"] = "%d-%02d" % (year, rng.randint(1, 12))
    cats = list(dict.fromkeys(rng.choice(CATEGORIES) for _ in range(rng.randint(1, 3))))
    w["categories"] = cats
    if rng.random() < 0.35 or with_profile:
        words = {"m": rng.choice(METHOD).lower().replace("-", " "),
                 "o": rng.choice(OBJECT).lower().replace("-", " "),
                 "a": rng.choice(ADJ).lower().replace("-", " "),
                 "q": rng.choice(QUALIFIER[5:]).lower()}
        n = rng.randint(3, 7)
        w["abstract"] = " ".join(s.format(**words) for s in rng.sample(ABSTRACT_SENTENCES, n))
    if kind in ("journal_article", "conference_paper") and rng.random() < 0.6:
        w["doi"] = "10.5555/bench.%d.%06d" % (year, index)
    if kind == "preprint" or rng.random() < 0.3:
        # Unique by construction: four digits, a dot, five digits.
        w["arxivId"] = "%04d.%05d" % (1000 + index // 100000, index % 100000)
        w["links"] = [{"kind": "arxiv", "url": "https://arxiv.org/abs/%s" % w["arxivId"]},
                      {"kind": "pdf", "url": "https://arxiv.org/pdf/%s" % w["arxivId"]}]
    if rng.random() < 0.1:
        w.setdefault("links", []).append({"kind": "code", "url": "https://github.invalid/bench/w%06d" % index})
    if rng.random() < 0.05:
        w["notes"] = [rng.choice(["Oral presentation", "Spotlight", "Best paper award",
                                  "Invited to the journal track"])]
    if rng.random() < 0.05:
        w["alphabetical"] = True
    w["authors"] = authors
    return w


def author_entry(rng, person, equal=False):
    a = {"name": person["name"], "person": person["key"]}
    if equal:
        a["equal"] = True
    return a


def pick_authors(rng, pool, count, weights_cum):
    """`count` distinct people from `pool`, skewed so a few are prolific."""
    chosen = []
    seen = set()
    while len(chosen) < count:
        p = rng.choices(pool, cum_weights=weights_cum, k=1)[0]
        if p["key"] not in seen:
            seen.add(p["key"])
            chosen.append(p)
    return chosen


def career(rng, profile, depts, people):
    """Appointments, degrees, grants and the rest for one profile person."""
    key = profile["key"]
    apps, edu, grants, talks, teaching, service, metrics = [], [], [], [], [], [], []
    start = 2000
    for j in range(10):
        title, kind = APPOINTMENT_TITLES[j % len(APPOINTMENT_TITLES)]
        a = {"key": "%s-a%d" % (key, j), "person": key,
             "organization": depts[(j * 7 + len(key)) % len(depts)],
             "title": title, "kind": kind, "start": "%d-%02d" % (start + 2 * j, 1 + j % 12)}
        if j < 9:
            a["end"] = "%d-%02d" % (start + 2 * j + 2, 1 + (j + 5) % 12)
        else:
            a["end"] = "present"
        if j % 3 == 0:
            a["otherOrganizations"] = [depts[(j * 7 + len(key) + 1) % len(depts)]]
        if j % 2 == 0:
            a["mentors"] = [rng.choice(people)["key"]]
        if j % 4 == 1:
            a["description"] = "Research on %s." % rng.choice(METHOD).lower().replace("-", " ")
        if j == 9:
            a["parent"] = "%s-a8" % key
        apps.append(a)
    for j, (deg, field) in enumerate(DEGREES):
        e = {"key": "%s-e%d" % (key, j), "person": key, "organization": depts[(j * 5 + 3) % len(depts)],
             "degree": deg, "field": field, "start": "%d-09" % (1994 - 4 * j),
             "end": "%d-06" % (1999 - 4 * j)}
        if j == 0:
            e["advisors"] = [rng.choice(people)["key"], rng.choice(people)["key"]]
            e["advisors"] = list(dict.fromkeys(e["advisors"]))
            e["honors"] = "with distinction"
        if j == 2:
            e["gpa"] = "3.9/4.0"
            e["rank"] = "1st"
        edu.append(e)
    for j in range(10):
        amount = rng.randint(10, 4000) * 1000
        g = {"key": "%s-g%d" % (key, j), "person": key,
             "title": "%s Award in %s" % (rng.choice(["Career", "Early Investigator", "Research",
                                                       "Young Scientist", "Innovation"]),
                                          rng.choice(METHOD).replace("-", " ")),
             "kind": GRANT_KINDS[j % len(GRANT_KINDS)],
             "project": "%s %s for %s" % (rng.choice(LEAD), rng.choice(METHOD).replace("-", " "),
                                          rng.choice(OBJECT).replace("-", " ")),
             "funder": slugify(FUNDERS[j % len(FUNDERS)]),
             "awardNumber": "BENCH-%d-%04d" % (2005 + j, rng.randint(0, 9999)),
             "amount": str(amount), "currency": "USD", "amountText": "%dk" % (amount // 1000),
             "role": rng.choice(["PI", "Co-PI", "recipient"]),
             "start": str(2005 + 2 * j), "end": str(2008 + 2 * j)}
        grants.append(g)
    for j in range(4):
        talks.append({"key": "%s-t%d" % (key, j), "person": key,
                      "title": "On %s %s, Part %d" % (rng.choice(ADJ), rng.choice(METHOD).lower().replace("-", " "), j + 1),
                      "presentations": [
                          {"event": "%s Seminar" % UNIVERSITIES[(j + k) % len(UNIVERSITIES)][1],
                           "host": slugify(UNIVERSITIES[(j + k) % len(UNIVERSITIES)][0]),
                           "location": UNIVERSITIES[(j + k) % len(UNIVERSITIES)][1],
                           "date": "%d-%02d" % (2015 + j, 1 + k), "virtual": k == 1}
                          for k in range(2)]})
    for j in range(3):
        teaching.append({"key": "%s-c%d" % (key, j), "person": key,
                         "course": "%s %d" % (["Machine Learning", "Optimization", "Statistics"][j], 500 + j),
                         "role": "Instructor", "organization": depts[j],
                         "terms": [{"season": "fall", "year": 2018 + j}, {"season": "spring", "year": 2020 + j}]})
    for j, kind in enumerate(["reviewing", "organizing", "editorial"]):
        service.append({"key": "%s-s%d" % (key, j), "person": key, "kind": kind,
                        "role": ["Reviewer", "Workshop co-organizer", "Action editor"][j],
                        "venues": rng.sample(CONF_VENUES, 3), "start": str(2015 + j)})
    for name, value in [("h_index", str(rng.randint(10, 60))),
                        ("citations", str(rng.randint(1000, 20000))),
                        ("papers", "80")]:
        metrics.append({"person": key, "name": name, "value": value, "asOf": "2025-01"})
    return apps, edu, grants, talks, teaching, service, metrics


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=10000)
    ap.add_argument("--works", type=int, default=300000)
    ap.add_argument("--profiles", type=int, default=3)
    ap.add_argument("--profile-works", type=int, default=80)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if args.people < 10 or args.profiles < 1:
        ap.error("need at least 10 people and 1 profile")
    if args.works < args.profiles * args.profile_works:
        ap.error("--works must be at least --profiles × --profile-works")

    rng = random.Random(SEED)
    titles = Titles(rng)
    people = make_people(rng, args.people, args.profiles)
    profiles, ordinary = people[:args.profiles], people[args.profiles:]
    orgs = make_organizations()
    depts = dept_keys()

    # Zipf-like weights: some people author hundreds of works, most few.
    weights = [1.0 / (1 + (i % 997)) ** 0.6 for i in range(len(ordinary))]
    cum, total = [], 0.0
    for wgt in weights:
        total += wgt
        cum.append(total)

    works = []
    # Profile works first: ~6 authors, the profile person at a varying place.
    for p in profiles:
        for _ in range(args.profile_works):
            n = rng.choice([4, 5, 6, 6, 6, 7, 8])
            co = pick_authors(rng, ordinary, n - 1, cum)
            pos = rng.randrange(n)
            lst = [author_entry(rng, c, equal=(k < 2 and rng.random() < 0.1)) for k, c in enumerate(co)]
            lst.insert(pos, author_entry(rng, p))
            works.append(make_work(rng, titles, len(works), lst, with_profile=True))
    while len(works) < args.works:
        n = rng.randint(2, 8)
        co = pick_authors(rng, ordinary, n, cum)
        lst = [author_entry(rng, c, equal=(k < 2 and rng.random() < 0.05)) for k, c in enumerate(co)]
        works.append(make_work(rng, titles, len(works), lst))
        if len(works) % 50000 == 0:
            print("generate.py: %d works" % len(works), file=sys.stderr)

    appointments, education, grants = [], [], []
    talks, teaching, service, metrics = [], [], [], []
    for p in profiles:
        a, e, g, t, c, s, m = career(rng, p, depts, ordinary)
        appointments += a; education += e; grants += g
        talks += t; teaching += c; service += s; metrics += m
    # A handful for ordinary people: every 50th gets an appointment and a
    # degree, every 200th a grant.
    for i, p in enumerate(ordinary):
        if i % 50 == 0:
            title, kind = APPOINTMENT_TITLES[i % len(APPOINTMENT_TITLES)]
            appointments.append({"key": "%s-a" % p["key"], "person": p["key"],
                                 "organization": depts[i % len(depts)], "title": title,
                                 "kind": kind, "start": str(2000 + i % 25)})
            deg, field = DEGREES[i % 3]
            education.append({"key": "%s-e" % p["key"], "person": p["key"],
                              "organization": depts[(i + 7) % len(depts)], "degree": deg,
                              "field": field, "end": str(1995 + i % 25)})
        if i % 200 == 0:
            grants.append({"key": "%s-g" % p["key"], "person": p["key"],
                           "title": "Research Grant %d" % i, "kind": "grant",
                           "funder": slugify(FUNDERS[i % len(FUNDERS)]),
                           "amount": str(50000 + i), "currency": "USD", "start": str(2010 + i % 15)})

    patents = [{"key": "%s-patent" % p["key"], "title": "System and Method for %s %s" % (
        rng.choice(ADJ).replace("-", " "), rng.choice(METHOD).replace("-", " ")),
        "inventors": [{"name": p["name"], "person": p["key"]},
                      {"name": ordinary[k]["name"], "person": ordinary[k]["key"]}],
        "number": "US %d,%03d,%03d B2" % (11, k, k), "status": "Granted", "date": "2021-05"}
        for k, p in enumerate(profiles)]

    bundle = {
        "format": "vitae-bundle/1",
        "source": {
            "key": "bench-synthetic-%dp-%dw" % (args.people, args.works),
            "title": "Synthetic load-benchmark data (%d people, %d works)" % (len(people), len(works)),
            "kind": "paper_index",
            "seen": "2025-01-01",
            "notes": ["Generated by bench/generate.py with seed %d." % SEED],
        },
        "people": people,
        "organizations": orgs,
        "appointments": appointments,
        "education": education,
        "grants": grants,
        "talks": talks,
        "patents": patents,
        "teaching": teaching,
        "service": service,
        "works": works,
        "metrics": metrics,
    }
    tmp = args.out + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, args.out)
    print("generate.py: wrote %s: %d people (%d profiles), %d works, %d appointments, "
          "%d degrees, %d grants" % (args.out, len(people), len(profiles), len(works),
                                     len(appointments), len(education), len(grants)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
