"""Folio's benchmark: stages in-process, whole builds as processes, and the peer pipelines beside them.

    pip install -e '.[bench]' && python3 benchmarks/run.py            (about 5 minutes on 2 cores)
    python3 benchmarks/run.py --runs 3 --json                          (figures as JSON)

Medians with min-max; peak memory (RSS) of each whole run. The peers are run in the same go, on the
same source: `pandoc SOURCE -o x.epub`, and `pandoc SOURCE -s -o x.html` then `weasyprint x.html x.pdf`.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "i-was-stalins-agent.md"
FOLIO = [sys.executable, "-m", "converter.cli"]


def timed(fn, runs):
    """(median, min, max) seconds of `fn` over `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return summary(times)


def summary(times):
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": len(times)}


def run_process(command, cwd, env=None):
    """(seconds, peak RSS in MB) of one command run to completion."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"failed ({process.returncode}): {' '.join(map(str, command))}")
    return seconds, usage.ru_maxrss / 1024


def processes(commands, runs, cwd):
    """A pipeline of commands, run `runs` times: time is the sum, memory the largest peak."""
    times, peaks = [], []
    for _ in range(runs):
        total, peak = 0.0, 0.0
        for command in commands:
            seconds, rss = run_process(command, cwd)
            total, peak = total + seconds, max(peak, rss)
        times.append(total)
        peaks.append(peak)
    result = summary(times)
    result["peak_rss_mb"] = max(peaks)
    return result


def stages(runs):
    import converter
    from converter.sources import read_pages
    from converter.writers.pdf import write_pdf

    book = converter.clean(SEED)
    tree = converter.to_tei(book)
    return {
        "read": timed(lambda: read_pages(SEED), runs),
        "clean": timed(lambda: converter.clean(SEED), runs),
        "clean + TEI": timed(lambda: converter.to_tei(converter.clean(SEED)), runs),
        "EPUB from TEI": timed(lambda: converter.write_epub(tree), runs),
        "PDF from TEI": timed(lambda: write_pdf(tree), max(1, runs // 2)),
    }


def whole_runs(runs, work):
    pandoc = pandoc_path()
    results = {
        "folio build -f epub": processes([FOLIO + ["build", str(SEED), "-o", "out", "-f", "epub", "-q"]], runs, work),
        "folio build (epub, pdf)": processes([FOLIO + ["build", str(SEED), "-o", "out", "-q"]], runs, work),
    }
    if pandoc:
        results["pandoc -o x.epub"] = processes([[pandoc, str(SEED), "-o", "x.epub"]], runs, work)
        results["pandoc -s -o x.html; weasyprint"] = processes(
            [[pandoc, str(SEED), "-s", "-o", "x.html"], [shutil.which("weasyprint") or "weasyprint", "x.html", "x.pdf"]],
            runs, work)
    return results


def scaling(runs, work):
    import converter

    text = SEED.read_text(encoding="utf-8")
    results = {}
    for times in (1, 4, 10):
        path = work / f"seed-x{times}.md"
        path.write_text("\n\n\n\n".join([text] * times), encoding="utf-8")
        results[f"{times}x"] = timed(lambda p=path: converter.write_epub(converter.to_tei(converter.clean(p))),
                                     max(1, runs if times < 10 else runs // 2))
    return results


def rebuild(runs, work):
    """A PDF rebuilt after one chapter's text changed, with the chapter cache, against a cold build."""
    folder = work / "rebuild"
    folder.mkdir(exist_ok=True)
    book = folder / "book.md"
    text = SEED.read_text(encoding="utf-8")
    book.write_text(text, encoding="utf-8")
    command = FOLIO + ["build", str(book), "-o", "out", "-f", "pdf", "-q"]
    warm_env = dict(os.environ, FOLIO_CACHE="on", FOLIO_CACHE_DIR=str(work / "cache"))
    run_process(command, folder, warm_env)  # fills the cache
    times = []
    for i in range(max(1, runs)):
        # A new word in one paragraph of chapter II each time: only that chapter is laid out again.
        book.write_text(text.replace("Volynski was a good judge", f"Volynski, edit {i}, was a good judge"),
                        encoding="utf-8")
        times.append(run_process(command, folder, warm_env)[0])
    cold = processes([command], max(1, runs // 2), folder)
    return {"cold (no cache)": cold, "after editing one chapter": summary(times)}


def batch(runs, work):
    folder = work / "shelf"
    folder.mkdir(exist_ok=True)
    for i in range(4):
        shutil.copy(SEED, folder / f"book-{i + 1}.md")
    return {jobs: processes([FOLIO + ["build", str(folder), "-o", f"out-j{jobs}", "-j", str(jobs), "-q"]],
                            max(1, runs // 2), work)
            for jobs in (1, 2)}


def pandoc_path():
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def machine():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def report(figures):
    s, w, sc, b = figures["stages"], figures["whole"], figures["scaling"], figures["batch"]
    lines = [f"Machine: {figures['machine']['cpu']}, {figures['machine']['cores']} cores, "
             f"Python {figures['machine']['python']}", "",
             "| stage (in-process, seed) | median | min–max |", "|---|---|---|"]
    lines += [f"| {k} | {v['median']:.3f} s | {v['min']:.3f}–{v['max']:.3f} s |" for k, v in s.items()]
    lines += ["", "| whole run (process) | median | min–max | peak RSS |", "|---|---|---|---|"]
    lines += [f"| `{k}` | {v['median']:.2f} s | {v['min']:.2f}–{v['max']:.2f} s | {v['peak_rss_mb']:.0f} MB |"
              for k, v in w.items()]
    lines += ["", "| target | figure | goal | met |", "|---|---|---|---|"]
    for name, value, goal, ok in targets(figures):
        lines.append(f"| {name} | {value} | {goal} | {'yes' if ok else 'NO'} |")
    lines += ["", "| scaling (clean + TEI + EPUB, one long book) | median | per 1× |", "|---|---|---|"]
    for k, v in sc.items():
        lines.append(f"| {k} | {v['median']:.2f} s | {v['median'] / int(k[:-1]):.2f} s |")
    lines += ["", "| PDF build of the seed (`-f pdf`) | median | min–max |", "|---|---|---|"]
    for k, v in figures["rebuild"].items():
        lines.append(f"| {k} | {v['median']:.2f} s | {v['min']:.2f}–{v['max']:.2f} s |")
    lines += ["", "| batch of 4 books (epub, pdf) | median | books per minute |", "|---|---|---|"]
    for jobs, v in b.items():
        lines.append(f"| `-j {jobs}` | {v['median']:.1f} s | {4 * 60 / v['median']:.1f} |")
    return "\n".join(lines)


def targets(figures):
    s, w, sc, b = figures["stages"], figures["whole"], figures["scaling"], figures["batch"]
    out = [("clean + TEI in-process", f"{s['clean + TEI']['median']:.3f} s", "< 0.3 s",
            s["clean + TEI"]["median"] < 0.3)]
    if "pandoc -o x.epub" in w:
        epub = w["folio build -f epub"]["median"] / w["pandoc -o x.epub"]["median"]
        out.append(("EPUB build / pandoc EPUB", f"{epub:.2f}×", "≤ 0.3×", epub <= 0.3))
        peer = w["pandoc -o x.epub"]["median"] + w["pandoc -s -o x.html; weasyprint"]["median"]
        both = w["folio build (epub, pdf)"]["median"] / peer
        out.append(("EPUB+PDF build / pandoc EPUB + pandoc→WeasyPrint PDF", f"{both:.2f}×", "≤ 0.8×", both <= 0.8))
    growth = sc["10x"]["median"] / sc["1x"]["median"]
    out.append(("10× book / 1× book (clean + EPUB)", f"{growth:.1f}×", "≤ 11×", growth <= 11))
    speedup = b[1]["median"] / b[2]["median"]
    out.append(("throughput -j 2 / -j 1, 4 books", f"{speedup:.2f}×", "≥ 1.7×", speedup >= 1.7))
    rss = w["folio build (epub, pdf)"]["peak_rss_mb"]
    out.append(("peak memory, whole PDF build", f"{rss:.0f} MB", "< 400 MB", rss < 400))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    os.environ["FOLIO_CACHE"] = "off"  # every build is cold unless a measurement says otherwise
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        figures = {"machine": machine(), "stages": stages(args.runs), "whole": whole_runs(args.runs, work),
                   "scaling": scaling(args.runs, work), "batch": batch(args.runs, work),
                   "rebuild": rebuild(args.runs, work)}
    figures["targets"] = [{"target": n, "figure": v, "goal": g, "met": ok} for n, v, g, ok in targets(figures)]
    print(json.dumps(figures, indent=1, ensure_ascii=False) if args.json else report(figures))


if __name__ == "__main__":
    main()
