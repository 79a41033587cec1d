"""Benchmarks for packs and start-up: prints a table of figures against their targets.

    python bench/run.py            # print the table
    python bench/run.py --save     # also write bench/RESULTS.md

Not a test: timings depend on the machine. Everything runs in a temporary copy of the built-in
content, with the generator from this checkout.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIN_PACK_ITEMS = 24
BRANDS = ["partnership", "riverside-council", "oakfield-university"]

# Runs in a child process: render the same items through `charter build`'s code path and as
# bare WeasyPrint calls on the same HTML, alternating, after one warm-up of each.
_OVERHEAD = """
import json, sys, tempfile, time
from pathlib import Path
import weasyprint
from generator.build import Inputs, Options, build, plan
from generator.compose import Composition, compose_html, stylesheet_paths
from generator.build import item_section
from generator.project import Project
from generator.render import stylesheet_text
from weasyprint import CSS

project = Project.discover()
options = Options()
items = plan(project, [], {brands!r}, ["handout"], options)
inputs = Inputs(project)
pages = []
for item in items:
    section = item_section(inputs, item, options)
    html = compose_html(project, Composition.single(section))
    paths = stylesheet_paths(project, [section.fmt])
    sheets = [CSS(string=stylesheet_text(p), base_url=p.as_uri()) for p in paths]
    pages.append((html, section.brand.folder.as_uri() + "/", sheets))

def bare():
    for html, base, sheets in pages:
        weasyprint.HTML(string=html, base_url=base).write_pdf(stylesheets=sheets, pdf_variant="pdf/ua-1")

out = Path(tempfile.mkdtemp())
def charter():
    build(project, items, out, options)

charter(); bare()
times = {{"charter": [], "bare": []}}
for _ in range({rounds}):
    for name, run in (("charter", charter), ("bare", bare)):
        start = time.perf_counter(); run(); times[name].append((time.perf_counter() - start) / len(items))
print(json.dumps(times))
"""

# Runs in a child process: a pack build in this process, then the peak memory of its workers.
_MEMORY = """
import json, resource, sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
assert result.exit_code == 0, result.output
print(json.dumps({
    "parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""

# A fixed amount of CPU-bound work, split over N processes (argv[1]).
_SPIN = """
import multiprocessing, sys
def spin(n):
    total = 0
    for i in range(n):
        total += i
if __name__ == "__main__":
    jobs = int(sys.argv[1])
    with multiprocessing.Pool(jobs) as pool:
        pool.map(spin, [40_000_000 // jobs] * jobs)
"""

# Bare WeasyPrint, cold: the import and one render of the handout's HTML.
_BARE_COLD = """
import sys, weasyprint
html, base, sheets, target = sys.argv[1], sys.argv[2], sys.argv[3:-1], sys.argv[-1]
weasyprint.HTML(filename=html, base_url=base).write_pdf(target, stylesheets=sheets, pdf_variant="pdf/ua-1")
"""


def charter_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def run(command: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def make_project(folder: Path) -> tuple[Path, int]:
    """A copy of the built-in content with enough copies of the document for a 24-item pack."""
    sys.path.insert(0, str(REPO))
    from generator.formats import FORMATS

    pdfs = [f for f in FORMATS.values() if f.kind == "pdf"]  # the pack measures PDF rendering
    shutil.copytree(REPO / "content", folder / "content")
    charter = folder / "content" / "charter"
    copies = math.ceil(MIN_PACK_ITEMS / (len(BRANDS) * len(pdfs)))
    for number in range(1, copies):
        new_id = f"appendix-a{number}"
        for source in charter.glob("appendix-a.*"):
            text = re.sub(r"^id: appendix-a$", f"id: {new_id}", source.read_text(), flags=re.MULTILINE)
            (charter / source.name.replace("appendix-a", new_id, 1)).write_text(text)
    formats = "\n".join(f"  {f.name}: {f.default_paper}" for f in pdfs)
    (folder / "content" / "packs" / "bench.yml").write_text(
        f"title: Benchmark pack\nbrands: [{', '.join(BRANDS)}]\ndocuments: all\nformats:\n{formats}\n"
    )
    return folder / "content" / "packs" / "bench.yml", copies * len(BRANDS) * len(pdfs)


def measure(rounds: int) -> list[tuple[str, str, str, bool]]:
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        manifest, items = make_project(work)

        # 1. Per-document overhead of charter build against bare WeasyPrint, in one process.
        code = _OVERHEAD.format(brands=BRANDS, rounds=max(3, rounds))
        _, output = run([sys.executable, "-c", code], work)
        times = json.loads(output)
        charter, bare = statistics.median(times["charter"]), statistics.median(times["bare"])
        ratio = charter / bare
        rows.append(
            (
                "per-document time, charter build / bare WeasyPrint (one process, warm)",
                f"{charter * 1000:.0f} ms / {bare * 1000:.0f} ms = {ratio:.2f}x",
                "<= 1.15x",
                ratio <= 1.15,
            )
        )
        # The same, cold: a whole `charter build` of one handout against a script that imports
        # WeasyPrint and renders the same HTML (for information: start-up is counted in both).
        command = charter_command(
            "build", "--doc", "appendix-a", "--brand", "partnership", "--format", "handout", "--quiet"
        )
        cold = min(run([*command, "--out", "cold"], work)[0] for _ in range(rounds))
        html, base, sheets = _dump_html(work)
        bare_command = [sys.executable, "-c", _BARE_COLD, str(html), base, *sheets, "bare.pdf"]
        bare_cold = min(run(bare_command, work)[0] for _ in range(rounds))
        rows.append(
            (
                "one handout from a cold start, charter build / bare WeasyPrint script",
                f"{cold:.2f} s / {bare_cold:.2f} s = {cold / bare_cold:.2f}x",
                "(information)",
                True,
            )
        )

        # 2. A cold pack, --jobs 2 against --jobs 1 (a fresh output folder each time), the two
        # interleaved so that a busy spell on the host weighs on both; the best of each is kept.
        # Beside it, what two cores give a plain CPU-bound loop right now: the ideal is 0.5x.
        cold_times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(rounds):
            for jobs in (1, 2):
                shutil.rmtree(work / "cold-pack", ignore_errors=True)
                command = charter_command("pack", str(manifest), "--jobs", str(jobs), "--out", "cold-pack")
                cold_times[jobs].append(run(command, work)[0])
        one, two = min(cold_times[1]), min(cold_times[2])
        rows.append(
            (
                f"cold pack of {items} items (+{len(BRANDS)} combined PDFs), --jobs 2 / --jobs 1",
                f"{two:.2f} s / {one:.2f} s = {two / one:.2f}x",
                "<= 0.6x",
                two / one <= 0.6,
            )
        )
        spin = min(
            run([sys.executable, "-c", _SPIN, "2"], work)[0]
            / run([sys.executable, "-c", _SPIN, "1"], work)[0]
            for _ in range(rounds)
        )
        rows.append(
            (
                "the machine: a CPU-bound loop split over 2 processes / run in 1",
                f"{spin:.2f}x",
                "(information; 0.5x is two full cores)",
                True,
            )
        )

        # 3. Re-running the example pack with nothing changed.
        run(charter_command("pack", "workshop", "--out", "example"), work)
        rerun = statistics.median(
            run(charter_command("pack", "workshop", "--out", "example"), work)[0]
            for _ in range(max(5, rounds))
        )
        rows.append(("re-run of the example pack, nothing changed", f"{rerun:.2f} s", "< 1 s", rerun < 1))

        # 4. Peak memory of a worker (and of the parent) during the cold --jobs 2 pack.
        shutil.rmtree(work / "cold-pack", ignore_errors=True)
        command = [sys.executable, "-c", _MEMORY, "pack", str(manifest), "--jobs", "2", "--out", "cold-pack"]
        output = run(command, work)[1]
        memory = json.loads(output)
        rows.append(
            (
                "peak memory per worker (parent)",
                f"{memory['worker']:.0f} MB ({memory['parent']:.0f} MB)",
                "< 300 MB",
                memory["worker"] < 300,
            )
        )

        # 5. charter --help.
        helps = [run(charter_command("--help"), work)[0] for _ in range(max(10, rounds))]
        help_time = statistics.median(helps)
        rows.append(("charter --help", f"{help_time:.2f} s", "< 0.3 s", help_time < 0.3))
    return rows


def _dump_html(work: Path) -> tuple[Path, str, list[str]]:
    """The partnership handout's HTML file exactly as charter build composes it, its base URL
    and its stylesheets."""
    code = textwrap.dedent(
        """
        import json
        from pathlib import Path
        from generator.build import Inputs, Options, item_section, plan
        from generator.compose import Composition, compose_html, stylesheet_paths
        from generator.render import stylesheet_text
        from generator.project import Project
        project = Project.discover()
        item = plan(project, [], ["partnership"], ["handout"], Options())[0]
        section = item_section(Inputs(project), item, Options())
        html = compose_html(project, Composition.single(section))
        Path("handout.html").write_text(html, encoding="utf-8")
        sheets = []
        for path in stylesheet_paths(project, [section.fmt]):  # @page rules expanded, as charter reads them
            Path(path.name).write_text(stylesheet_text(path), encoding="utf-8")
            sheets.append(str(Path(path.name).resolve()))
        print(json.dumps([section.brand.folder.as_uri() + "/", sheets]))
        """
    )
    base, sheets = json.loads(run([sys.executable, "-c", code], work)[1])
    return work / "handout.html", base, sheets


def table(rows: list[tuple[str, str, str, bool]]) -> str:
    lines = ["| measure | result | target | met |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {name} | {result} | {target} | {'yes' if ok else 'NO'} |" for name, result, target, ok in rows
    ]
    return "\n".join(lines)


NOTES = """\
What the rows measure:

- *per-document time*: in one warm process, `charter build`'s own code path (load the brand
  and document, compose, render, write, for 3 handouts) against bare `weasyprint.HTML(...)
  .write_pdf()` on the same HTML and stylesheets. The difference is mostly reading each
  brand.yml with brand_yml (about 10 ms a brand) and putting Figure boxes in points (pikepdf,
  about 3 ms a document).
- *cold start*: a whole `charter build` process for one handout against a script that imports
  WeasyPrint and renders the same HTML. Start-up dominates: brand_yml (pydantic) takes about
  0.15 s to import, pikepdf, Jinja and markdown-it another 0.06 s, and reading the brand and
  document the rest.
- *cold pack*: `charter pack` of every format for 2 documents x 3 brands, into an empty folder.
  The parent imports WeasyPrint and reads every input once, then forks the workers; combined
  PDFs go first and hand their laid-out sections (fitted posters) to the items.
- *the machine*: this benchmark runs on a shared 2-CPU virtual machine whose second core is not
  always a whole one; the plain-loop row says what two processes could give at that moment.
- *peak memory*: the largest resident set of any worker (and of the parent) during the cold
  `--jobs 2` pack.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeat each timing (best or median is kept)")
    parser.add_argument("--save", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args()
    rows = measure(args.rounds)
    machine = (
        f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"WeasyPrint {_version('weasyprint')}"
    )
    output = f"{table(rows)}\n\nMachine: {machine}."
    print(output)
    if args.save:
        (REPO / "bench" / "RESULTS.md").write_text(
            "# Benchmark results\n\nFrom `python bench/run.py --save` "
            f"({time.strftime('%Y-%m-%d')}).\n\n{output}\n\n{NOTES}"
        )


def _version(name: str) -> str:
    import importlib.metadata

    return importlib.metadata.version(name)


if __name__ == "__main__":
    main()
