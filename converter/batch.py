"""Running many books: a process per book (up to -j at once), progress while they run, a summary after.

A book's failure is its result's error; the others go on unless --fail-fast asks to stop.
"""

import json
import os
import sys
import time

from .convert import Result, run_job

_events = None  # set in each worker: where stage changes go


def _init_worker(queue):
    global _events
    _events = queue


def _report(source, stage):
    if _events is not None:
        _events.put((source, stage))


def _work(job):
    try:
        return run_job(job, _report)
    except KeyboardInterrupt:
        return Result(job.source, error=f"{job.source}: interrupted")


def run_batch(jobs, workers, display, fail_fast=False):
    """Results in the order of `jobs`."""
    if workers <= 1 or len(jobs) == 1:
        return _run_here(jobs, display, fail_fast)
    # Imported here: a single book never pays for starting a pool.
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from multiprocessing import Manager

    results = {}
    with Manager() as manager:
        queue = manager.Queue()
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(queue,))
        try:
            futures = {pool.submit(_work, job): job for job in jobs}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                _drain(queue, display)
                for future in done:
                    job = futures[future]
                    if future.cancelled():
                        continue
                    result = future.result()
                    results[job.source] = result
                    display.finished(result)
                    if result.error and fail_fast:
                        for other in pending:
                            other.cancel()
            _drain(queue, display)
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return [results[job.source] for job in jobs if job.source in results]


def _run_here(jobs, display, fail_fast):
    results = []
    for job in jobs:
        result = run_job(job, display.stage)
        results.append(result)
        display.finished(result)
        if result.error and fail_fast:
            break
    return results


def _drain(queue, display):
    while not queue.empty():
        source, stage = queue.get()
        display.stage(source, stage)


class Display:
    """Progress on a terminal (a line per book, redrawn), plain lines otherwise; quiet or verbose."""

    def __init__(self, sources, stream=None, quiet=False, verbose=False, live=None):
        self.stream = stream or sys.stderr
        self.quiet, self.verbose = quiet, verbose
        self.live = (self.stream.isatty() if live is None else live) and not quiet
        self.sources = list(sources)
        self.stages = dict.fromkeys(self.sources, "waiting")
        self.started = time.perf_counter()
        self.drawn = 0

    def stage(self, source, stage):
        self.stages[source] = stage
        if self.live:
            self._draw()
        elif self.verbose:
            print(f"{source}: {stage}", file=self.stream, flush=True)

    def finished(self, result):
        self.stages[result.source] = "failed" if result.error else "done"
        if self.live:
            self._draw()
        for warning in result.warnings:
            if not self.quiet:
                print(f"folio: warning: {result.source}: {warning}", file=self.stream, flush=True)
        if result.error:
            print(f"folio: error: {result.error}", file=self.stream, flush=True)
        elif not self.quiet and not self.live:
            built = ", ".join(result.outputs.values())
            print(f"{result.source} -> {built} ({result.seconds:.1f} s)", file=self.stream, flush=True)

    def _draw(self):
        if len(self.sources) > 12:
            done = sum(1 for s in self.stages.values() if s in ("done", "failed"))
            width = 30
            filled = width * done // len(self.sources)
            line = f"[{'#' * filled}{'-' * (width - filled)}] {done}/{len(self.sources)} books"
            print(f"\r{line}", end="", file=self.stream, flush=True)
            if done == len(self.sources):
                print(file=self.stream)
            return
        if self.drawn:
            print(f"\x1b[{self.drawn}F", end="", file=self.stream)
        for source in self.sources:
            print(f"\x1b[2K  {os.path.basename(source):<40} {self.stages[source]}", file=self.stream)
        self.drawn = len(self.sources)
        self.stream.flush()


def summary_table(results):
    """A Markdown-style table: book, formats, pages, sizes, time, warnings."""
    rows = [("book", "formats", "pages", "sizes", "time", "warnings")]
    for r in results:
        sizes = ", ".join(f"{fmt} {_size(n)}" for fmt, n in r.sizes.items())
        formats = ", ".join(r.outputs) if not r.error else "FAILED"
        rows.append((os.path.basename(r.source), formats, str(r.pages or ""), sizes, f"{r.seconds:.1f} s",
                     str(len(r.warnings))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def summary_json(results):
    return json.dumps({"books": [r.as_json() for r in results],
                       "failed": sum(1 for r in results if r.error)}, indent=1, ensure_ascii=False)


def _size(n):
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"
