"""Deterministic inputs for bench/interop.sh (standard library only).

  python3 bench/interop.py bibtex N FILE   N BibTeX entries: @string macros,
                                           LaTeX accents, six entry types,
                                           DOIs, arXiv eprints, "and others"
  python3 bench/interop.py person N FILE   a Vitae bundle: one person
                                           (`bench-interop`) with N works of
                                           3-6 authors each
"""

import json
import random
import sys

FAMILIES = ["M{\\\"u}ller", "Garc{\\'i}a", "Lei", "Wu", "Smith", "Nguyen", "Kowalski",
            "Ha{\\ss}ler", "Dupont", "Rossi", "Tanaka", "Okafor", "Van Roy", "Andr{\\'e}"]
GIVEN = ["Anna", "Bo", "Chen", "Daniel", "Eva", "Fatima", "Gustav", "Hana", "Ivan", "Jos{\\'e}"]
WORDS = ["learning", "robust", "graph", "neural", "optimal", "transport", "sparse", "kernel",
         "bandits", "causal", "attention", "diffusion", "privacy", "federated", "spectral"]
TYPES = [("article", "journal"), ("inproceedings", "booktitle"), ("misc", None),
         ("phdthesis", "school"), ("techreport", "institution"), ("incollection", "booktitle")]


def title(r, i):
    words = [r.choice(WORDS) for _ in range(r.randint(4, 9))]
    return "{%s}: %s %d" % (r.choice(["GAN", "CAT", "BERT"]), " ".join(words).capitalize(), i)


def bibtex(n, path):
    r = random.Random(10)
    with open(path, "w", encoding="utf-8") as f:
        f.write('@string{jmlr = "Journal of Machine Learning Research"}\n')
        f.write('@string{icml = "International Conference on " # "Machine Learning"}\n\n')
        for i in range(n):
            ty, venue = TYPES[i % len(TYPES)]
            authors = [f"{r.choice(FAMILIES)}, {r.choice(GIVEN)}" for _ in range(r.randint(1, 6))]
            if i % 10 == 0:
                authors.append("others")
            f.write(f"@{ty}{{key{i},\n")
            f.write(f"  author = {{{' and '.join(authors)}}},\n")
            f.write(f"  title = {{{title(r, i)}}},\n")
            f.write(f"  year = {1990 + i % 35},\n  month = {['jan', 'jun', 'nov'][i % 3]},\n")
            if venue == "journal":
                f.write("  journal = jmlr,\n  volume = {%d},\n  pages = {%d--%d},\n"
                        % (i % 30 + 1, i % 900 + 1, i % 900 + 12))
            elif venue == "booktitle":
                f.write("  booktitle = icml,\n")
            elif venue:
                f.write("  %s = {Universit{\\\"a}t %d},\n" % (venue, i % 50))
            if i % 3 == 0:
                f.write(f"  doi = {{10.5555/bench.{i}}},\n")
            if ty == "misc":
                f.write(f"  eprint = {{{2001 + i % 20}.{i:05d}}},\n  archivePrefix = {{arXiv}},\n"
                        "  primaryClass = {cs.LG},\n")
            f.write("}\n\n")


def person(n, path):
    r = random.Random(11)
    people = [{"key": "me", "slug": "bench-interop", "name": "Bench Interop"}]
    people += [{"key": f"p{i}", "name": f"{r.choice(GIVEN)} Coauthor{i}"} for i in range(300)]
    kinds = ["journal_article", "conference_paper", "preprint", "workshop_paper"]
    works = []
    for i in range(n):
        others = r.sample(range(300), r.randint(2, 5))
        authors = [{"name": people[o + 1]["name"], "person": f"p{o}"} for o in others]
        authors.insert(r.randint(0, len(authors)), {"name": "Bench Interop", "person": "me"})
        works.append({
            "key": f"w{i}", "title": title(r, i).replace("{", "").replace("}", ""),
            "kind": kinds[i % 4], "year": 2000 + i % 25, "venue": f"Venue {i % 40} & Co",
            "doi": f"10.5555/interop.{i}", "authors": authors,
            "abstract": "We study $x_1$ ~ 50% of " + " ".join(r.choice(WORDS) for _ in range(60)),
        })
    bundle = {"format": "vitae-bundle/1",
              "source": {"key": "bench-interop", "title": "Interop benchmark", "kind": "cv"},
              "people": people, "works": works}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bundle, f)


if __name__ == "__main__":
    what, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    {"bibtex": bibtex, "person": person}[what](n, path)
