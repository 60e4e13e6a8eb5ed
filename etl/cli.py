"""`cmw`: the command line of the Critical Minerals Agreements Warehouse.

Exit codes (also in README.md):
  0  success
  1  unexpected error (a bug: the traceback is printed)
  2  wrong usage (unknown option, missing argument)
  3  the database cannot be reached, or the embedded server cannot start
  4  the staging schema is not at the Alembic head (run `cmw migrate`)
  5  dbt build or docs generation failed (the failing models and tests are listed)
  6  the evaluation scored below its threshold
 75  another run holds the warehouse lock (the message names it); try again later
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from etl import config, db, pipeline
from etl.embedded import EmbeddedPostgres, EmbeddedServerError
from etl.lock import RunInProgress

EXIT_DATABASE = 3
EXIT_SCHEMA = 4
EXIT_BUILD = 5
EXIT_EVALUATION = 6
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later

app = typer.Typer(
    help=(
        "Build and query the Critical Minerals Agreements Warehouse: documents in seeds/ "
        "(or any folder, file or JSONL feed) → extracted agreements → PostgreSQL marts.\n\n"
        "Uses CMW_DATABASE_URL (or DATABASE_URL) when set; otherwise starts an embedded "
        "PostgreSQL under ./.cmw (see `cmw db --help`)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(
    help="The embedded PostgreSQL the project starts when no database URL is configured.",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")

# soft_wrap: messages stay on one line, so logs can be searched for them.
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

SourcesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--source",
        "-s",
        help="A file, folder or .jsonl feed to ingest; repeat for several. Default: seeds/.",
    ),
]


def _fails_cleanly(func: Callable) -> Callable:
    """Turn known failures into a message and a meaningful exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (db.DatabaseUnavailable, EmbeddedServerError) as exc:
            console.print(f"[red]Database unavailable:[/red] {exc}")
            raise typer.Exit(EXIT_DATABASE) from None
        except db.SchemaNotCurrent as exc:
            console.print(f"[red]Schema not current:[/red] {exc}")
            raise typer.Exit(EXIT_SCHEMA) from None
        except pipeline.BuildFailed as exc:
            console.print(f"[red]Build failed:[/red] {exc}")
            console.print(
                "Fix the failing model or test (or the data behind it); models downstream of"
                " the failure were skipped and keep their last build. After a change to an"
                " incremental mart's columns, run `cmw build --full-refresh`."
            )
            raise typer.Exit(EXIT_BUILD) from None
        except RunInProgress as exc:
            console.print(f"[red]Not started:[/red] {exc}")
            raise typer.Exit(EXIT_LOCKED) from None

    return wrapper


def _database_url() -> str:
    if config.configured_database_url() is None:
        console.print("[dim]No CMW_DATABASE_URL set: using the embedded PostgreSQL.[/dim]")
    return config.database_url()


# --- the whole build ---------------------------------------------------------------


@app.command()
@_fails_cleanly
def run(
    source: SourcesOption = None,
    docs: Annotated[bool, typer.Option(help="Generate the dbt docs site at the end.")] = True,
) -> None:
    """Build the whole warehouse: migrate, ingest, extract, load, dbt build, docs."""
    url = _database_url()
    summary, docs_path = _run_with_progress(url, "run", source, pipeline.Steps(docs=docs))
    _print_summary(url, summary, docs_path)


@app.command()
@_fails_cleanly
def nightly(
    source: SourcesOption = None,
    migrate: Annotated[
        bool,
        typer.Option(
            help="Upgrade the schema if it is behind; --no-migrate refuses instead (exit 4)."
        ),
    ] = True,
) -> None:
    """The scheduled job: ingest only new documents, build, regenerate docs, check freshness.

    Takes the warehouse lock (a second run exits at once with code 75), records the run
    with counts and step timings in staging.etl_runs, and ends with a one-paragraph summary.
    """
    url = _database_url()
    summary, docs_path = _run_with_progress(
        url, "nightly", source, pipeline.Steps(freshness=True), migrate=migrate
    )
    counts = pipeline.warehouse_counts(url)
    out.print(
        f"Nightly run {summary.run_id} succeeded: {summary.files} files read, "
        f"{summary.loaded} new documents loaded, {summary.unchanged} unchanged, "
        f"{len(summary.rejected)} rejected; {summary.agreements} agreements extracted. "
        f"The marts hold {counts.agreements} agreements from {counts.documents} documents. "
        + (f"Docs: {docs_path}. " if docs_path else "")
        + (f"{len(summary.warnings)} warnings (below)." if summary.warnings else "No warnings.")
    )
    _print_problems(summary)


@app.command()
@_fails_cleanly
def reprocess() -> None:
    """Re-extract stored documents whose extractor version is older than the current one.

    Uses the stored text (source files are not read again), then rebuilds the marts.
    """
    url = _database_url()
    with console.status("Re-extracting and rebuilding...") as status:
        count = pipeline.reprocess(url, on_step=lambda step: status.update(step + "..."))
    out.print(f"{count} documents re-extracted; marts rebuilt")


@app.command()
def schedule(
    cron: Annotated[
        str,
        typer.Option(help="When to run, as a cron expression in local time (default 02:00 daily)."),
    ] = "0 2 * * *",
    source: SourcesOption = None,
    run_now: Annotated[bool, typer.Option(help="Also run once immediately at start.")] = False,
) -> None:
    """Run `cmw nightly` on a cron schedule, in the foreground (for the scheduler service).

    Each run is a separate process, so one failing run never stops the schedule.
    """
    from etl.schedule import run_on_schedule

    try:
        run_on_schedule(cron, _nightly_argv(source), run_now=run_now, log=out.print)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--cron") from None


def _nightly_argv(sources: list[Path] | None) -> list[str]:
    argv = ["nightly"]
    for path in sources or []:
        argv += ["--source", str(path)]
    return argv


@app.command()
@_fails_cleanly
def bench(
    source: SourcesOption = None,
    documents: Annotated[
        int, typer.Option(help="How many documents to extract (the sample is cycled).")
    ] = 5000,
    ingest: Annotated[
        int,
        typer.Option(
            help="Also load this many distinct documents into a throwaway database (0: skip)."
        ),
    ] = 2000,
) -> None:
    """Measure extraction speed per core and end-to-end ingest speed, with peak memory.

    The ingest benchmark creates and drops its own database on the configured server
    (or the embedded one).
    """
    from etl import bench as benchmarks

    sample = benchmarks.sample_documents(source or [config.DEFAULT_SEEDS_DIR])
    average_kb = sum(len(d.text.encode()) for d in sample) / len(sample) / 1024
    out.print(f"sample: {len(sample)} documents, {average_kb:.1f} KB on average")
    with console.status("Benchmarking extraction..."):
        result = benchmarks.bench_extraction(sample, documents)
    target = benchmarks.EXTRACTION_TARGET_DOCS_PER_SECOND
    verdict = "meets" if result.documents_per_second >= target else "MISSES"
    out.print(f"{result.describe()} — {verdict} the target of {target:,} documents/s per core")
    if ingest:
        with console.status("Benchmarking ingest into a throwaway database..."):
            loaded = benchmarks.bench_ingest(_database_url(), sample, ingest)
        out.print(loaded.describe())


@app.command(name="eval")
def eval_command(
    gold: Annotated[
        Path | None,
        typer.Argument(help="Gold annotations YAML (default: tests/gold/annotations.yaml)."),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Exit 6 when any field's F1 is below this.", min=0.0, max=1.0)
    ] = 0.0,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List every difference from the gold annotations.")
    ] = False,
) -> None:
    """Score the extractor against hand-annotated gold documents: precision, recall, F1 per field."""
    from etl.evaluate import DEFAULT_GOLD_PATH, evaluate_gold, format_report

    report = evaluate_gold(gold or DEFAULT_GOLD_PATH)
    out.print(format_report(report, show_errors=show_errors), highlight=False)
    below = [s.field for s in report.scores if s.f1 < threshold]
    if below:
        console.print(f"[red]F1 below {threshold}:[/red] {', '.join(below)}")
        raise typer.Exit(EXIT_EVALUATION)


# --- the steps one at a time ---------------------------------------------------------


@app.command()
@_fails_cleanly
def migrate() -> None:
    """Upgrade the staging schema to the latest Alembic revision."""
    url = _database_url()
    db.migrate(url)
    out.print(f"staging schema at revision {db.current_revision(url)}")


@app.command(name="load")
@_fails_cleanly
def load_command(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or .jsonl feeds to ingest.")],
) -> None:
    """Read, extract and load documents into staging (no dbt build)."""
    url = _database_url()
    summary, _ = _run_with_progress(
        url, "load", paths, pipeline.Steps(build=False, docs=False), migrate=False
    )
    _print_ingest(summary)


@app.command()
@_fails_cleanly
def build(
    full_refresh: Annotated[
        bool,
        typer.Option(
            "--full-refresh",
            help="Rebuild incremental marts from scratch (needed after their columns change).",
        ),
    ] = False,
) -> None:
    """Run dbt build: reference seeds, intermediate and marts models, and every test."""
    url = _database_url()
    with pipeline.logged_run(url, "build", migrate=False), console.status("dbt build..."):
        pipeline.build(url, full_refresh=full_refresh)
    out.print("dbt build passed")


@app.command()
@_fails_cleanly
def docs(
    serve: Annotated[
        bool, typer.Option(help="Serve the site over HTTP after generating it.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port for --serve (localhost only).")] = 8080,
    host: Annotated[
        str, typer.Option(help="Address for --serve; 0.0.0.0 inside a container.")
    ] = "127.0.0.1",
) -> None:
    """Generate the dbt docs site (and serve it with --serve)."""
    url = _database_url()
    with console.status("dbt docs generate..."):
        index = pipeline.generate_docs(url)
    out.print(f"docs site: {index}")
    if serve:
        _serve_directory(index.parent, host, port)


def _serve_directory(directory: Path, host: str, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    socketserver.TCPServer.allow_reuse_address = True
    with socketserver.TCPServer((host, port), handler) as server:
        out.print(f"serving the docs site on http://{host}:{port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


# --- the embedded server ----------------------------------------------------------


@db_app.command("start")
@_fails_cleanly
def db_start() -> None:
    """Start the embedded PostgreSQL (initialising it on first use)."""
    server = EmbeddedPostgres.default()
    with console.status("Starting the embedded PostgreSQL..."):
        url = server.ensure_running()
    out.print(url)


@db_app.command("stop")
@_fails_cleanly
def db_stop() -> None:
    """Stop the embedded PostgreSQL."""
    stopped = EmbeddedPostgres.default().stop()
    out.print("stopped" if stopped else "not running")


@db_app.command("status")
def db_status() -> None:
    """Show whether the embedded PostgreSQL is running, its port and data directory."""
    status = EmbeddedPostgres.default().status()
    configured = config.configured_database_url()
    if configured:
        out.print(
            f"CMW_DATABASE_URL is set ({db.redact(configured)}): the embedded server is not used."
        )
    out.print(f"embedded server: {'running' if status.running else 'stopped'}")
    out.print(f"port: {status.port}")
    out.print(
        f"data directory: {status.data_dir}{'' if status.initialized else ' (not initialised)'}"
    )
    if status.url:
        out.print(f"url: {status.url}")


@db_app.command("url")
@_fails_cleanly
def db_url() -> None:
    """Print the warehouse's connection URL (starting the embedded server if needed)."""
    out.print(config.database_url(), highlight=False, soft_wrap=True)


# --- output ----------------------------------------------------------------------


def _run_with_progress(
    url: str,
    command: str,
    sources: list[Path] | None,
    steps: pipeline.Steps,
    *,
    migrate: bool = True,
) -> tuple[pipeline.IngestSummary, Path | None]:
    sources = sources or [config.DEFAULT_SEEDS_DIR]
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        files = progress.add_task(
            "Reading, extracting and loading documents", total=None, visible=False
        )
        current_step: list[TaskID] = []

        def on_step(description: str) -> None:
            if current_step:
                progress.update(current_step[-1], completed=1, total=1)
            if description.startswith("Reading"):
                progress.update(
                    files, visible=True, total=sum(1 for _ in pipeline.discover(sources))
                )
                current_step.append(files)
            else:
                current_step.append(progress.add_task(description, total=None))

        result = pipeline.run_pipeline(
            url,
            command,
            sources,
            migrate=migrate,
            steps=steps,
            on_files_read=lambda n: progress.advance(files, n),
            on_step=on_step,
        )
        if current_step:
            progress.update(current_step[-1], completed=1, total=1)
        return result


def _print_ingest(summary: pipeline.IngestSummary) -> None:
    out.print(
        f"run {summary.run_id}: {summary.files} files, {summary.loaded} documents loaded, "
        f"{summary.unchanged} unchanged, {len(summary.rejected)} rejected; "
        f"{summary.agreements} agreements and {summary.mentions} mentions extracted"
    )
    _print_problems(summary)


def _print_problems(summary: pipeline.IngestSummary) -> None:
    for warning in summary.warnings:
        out.print(f"[yellow]warning[/yellow] {warning}")
    if summary.rejected:
        table = Table("rejected input", "reason", title="Rejected inputs")
        for reject in summary.rejected:
            table.add_row(reject.source_uri, f"{reject.reason_code}: {reject.reason}")
        out.print(table)


def _print_summary(url: str, summary: pipeline.IngestSummary, docs_path: Path | None) -> None:
    _print_ingest(summary)
    counts = pipeline.warehouse_counts(url)
    table = Table(title="Warehouse", show_header=False)
    table.add_row("documents", str(counts.documents))
    table.add_row("rejected inputs (all runs)", str(counts.rejected_inputs))
    table.add_row("agreements", str(counts.agreements))
    table.add_row("agreement participants", str(counts.participants))
    table.add_row("agreement minerals", str(counts.minerals))
    table.add_row("agreement sources", str(counts.sources))
    if docs_path:
        table.add_row("docs site", f"{docs_path}  (serve: cmw docs --serve)")
    table.add_row(
        "query the marts", f'psql "{db.redact(url)}" -c "select * from marts.fct_agreements"'
    )
    out.print(table)


if __name__ == "__main__":
    app()
