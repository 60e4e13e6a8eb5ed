"""`cmw`: the command line of the Critical Minerals Agreements Warehouse.

Exit codes (also in README.md):
  0  success
  1  unexpected error (a bug: the traceback is printed)
  2  wrong usage: unknown option, missing argument, a --source that does not exist,
     an environment variable with an unusable value
  3  the database cannot be reached, or the embedded server cannot start
  4  the staging schema is not at the Alembic head (run `cmw migrate`), or is newer
     than this cmw
  5  dbt build or docs generation failed (the failing models and tests are listed);
     BI keeps reading the previous marts
  6  the evaluation scored below its threshold
 66  no readable documents in the sources, with --fail-if-empty
 75  another run holds the warehouse lock (the message names it); try again later
130  interrupted (Ctrl+C); 143 terminated (SIGTERM): dbt is stopped, the run is
     marked failed and the lock released
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import psycopg
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from etl import config, db, interrupts, pipeline
from etl.embedded import EmbeddedPostgres, EmbeddedServerError
from etl.lock import RunInProgress

EXIT_USAGE = 2
EXIT_DATABASE = 3
EXIT_SCHEMA = 4
EXIT_BUILD = 5
EXIT_EVALUATION = 6
EXIT_NO_INPUT = 66  # EX_NOINPUT: the sources held no readable document
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM


app = typer.Typer(
    help=(
        "Build and query the Critical Minerals Agreements Warehouse: documents in seeds/ "
        "(or any folder, file or JSONL feed) → extracted agreements → PostgreSQL marts.\n\n"
        "Uses CMW_DATABASE_URL (or DATABASE_URL) when set; otherwise starts an embedded "
        "PostgreSQL under CMW_HOME (see `cmw db --help`).\n\n"
        "Exit codes: 0 success; 1 a bug (traceback printed); 2 wrong usage or setting; "
        "3 database unreachable; 4 schema not at the code's revision; 5 dbt build or docs "
        "failed (BI keeps the previous marts); 6 evaluation below threshold; 66 no readable "
        "documents (--fail-if-empty); 75 another run holds the lock; 130/143 interrupted."
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
bi_app = typer.Typer(
    help="Logins for analysts' BI tools: members of bi_reader, which reads the marts only.",
    no_args_is_help=True,
)
app.add_typer(bi_app, name="bi")
bench_app = typer.Typer(
    help="Benchmarks: a synthetic corpus with its truth (generate), every speed in one run (run).",
    no_args_is_help=True,
)
app.add_typer(bench_app, name="bench")

# soft_wrap: messages stay on one line, so logs can be searched for them.
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

SourcesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--source",
        "-s",
        exists=True,
        help="A file, folder or .jsonl(.gz) feed to ingest; repeat for several. Default: the"
        " example documents in seeds/ of the repository cmw runs from; an installed cmw has"
        " none and needs a --source. A path that does not exist is a usage error (exit 2).",
    ),
]
FailIfEmptyOption = Annotated[
    bool,
    typer.Option(
        "--fail-if-empty",
        help="Exit 66 (and record the run failed) when the sources hold no readable document,"
        " e.g. a cron line pointing at the wrong folder. Without it, that is a warning.",
    ),
]

RereadOption = Annotated[
    bool,
    typer.Option(
        "--reread",
        help="Read every file, even one unchanged (same size, modification time and inode)"
        " since a run stored every document of it, which is otherwise skipped without being"
        " opened. Stored documents are still not loaded twice.",
    ),
]


def _sources_or_default(given: list[Path] | None) -> list[Path]:
    """The --source paths, else the checkout's example documents (usage error without)."""
    if given:
        return given
    if config.DEFAULT_SEEDS_DIR is None:
        raise typer.BadParameter(
            "required: an installed cmw ships no example documents; name the file, folder or"
            " .jsonl(.gz) feed to ingest",
            param_hint="'--source'",
        )
    return [config.DEFAULT_SEEDS_DIR]


# The URL the current command works on, for messages about a connection lost mid-way.
_url_in_use: str | None = None


def _fails_cleanly(func: Callable) -> Callable:
    """Turn known failures into one clear line and a meaningful exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            config.check()
            return func(*args, **kwargs)
        except config.ConfigError as exc:
            console.print(f"[red]Setting not usable:[/red] {exc}")
            raise typer.Exit(EXIT_USAGE) from None
        except (db.DatabaseUnavailable, EmbeddedServerError) as exc:
            console.print(f"[red]Database unavailable:[/red] {exc}")
            raise typer.Exit(EXIT_DATABASE) from None
        except db.SchemaNotCurrent as exc:
            console.print(f"[red]Schema not current:[/red] {exc}")
            raise typer.Exit(EXIT_SCHEMA) from None
        except pipeline.BuildFailed as exc:
            console.print(f"[red]Build failed:[/red] {exc}")
            console.print(
                "BI keeps reading the previous marts: the new ones were built and tested in"
                f" the schema {db.SHADOW_MARTS}, left there to inspect. Fix the failing model"
                " or test (or the data behind it). After a change to an incremental mart's"
                " columns, run `cmw build --full-refresh`."
            )
            raise typer.Exit(EXIT_BUILD) from None
        except pipeline.NoInput as exc:
            console.print(f"[red]No input:[/red] {exc}")
            raise typer.Exit(EXIT_NO_INPUT) from None
        except RunInProgress as exc:
            console.print(f"[red]Not started:[/red] {exc}")
            raise typer.Exit(EXIT_LOCKED) from None
        except KeyboardInterrupt:
            console.print("[red]Interrupted:[/red] the run was stopped and marked failed.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except interrupts.Terminated:
            console.print("[red]Terminated:[/red] the run was stopped and marked failed.")
            raise typer.Exit(EXIT_TERMINATED) from None
        except Exception as exc:
            if not _is_connection_failure(exc):
                raise
            unavailable = db.DatabaseUnavailable.of(_url_in_use or "(no URL)", exc)
            console.print(f"[red]Database unavailable:[/red] {unavailable}")
            raise typer.Exit(EXIT_DATABASE) from None

    return wrapper


def _is_connection_failure(exc: BaseException) -> bool:
    """psycopg's, or SQLAlchemy's (Alembic), way of saying the server is out of reach."""
    from sqlalchemy.exc import OperationalError as SQLAlchemyOperationalError

    return isinstance(exc, psycopg.OperationalError | SQLAlchemyOperationalError)


def _database_url() -> str:
    global _url_in_use
    if config.configured_database_url() is None:
        console.print("[dim]No CMW_DATABASE_URL set: using the embedded PostgreSQL.[/dim]")
    _url_in_use = config.database_url()
    db.check_reachable(_url_in_use)
    return _url_in_use


# --- the whole build ---------------------------------------------------------------


@app.command()
@_fails_cleanly
def run(
    source: SourcesOption = None,
    docs: Annotated[bool, typer.Option(help="Generate the dbt docs site at the end.")] = True,
    fail_if_empty: FailIfEmptyOption = False,
    reread: RereadOption = False,
) -> None:
    """Build the whole warehouse: migrate, ingest, extract, load, dbt build, docs.

    When nothing changed since the last build (no new document, the same code), the
    marts are already what a build would give: the build is skipped, and says so
    (`cmw build` builds anyway)."""
    sources = _sources_or_default(source)
    url = _database_url()
    summary, docs_path = _run_with_progress(
        url,
        "run",
        sources,
        pipeline.Steps(docs=docs, skip_unchanged=True),
        fail_if_empty=fail_if_empty,
        reread=reread,
    )
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
    fail_if_empty: FailIfEmptyOption = False,
    reread: RereadOption = False,
) -> None:
    """The scheduled job: ingest only new documents, build, regenerate docs, check freshness.

    Takes the warehouse lock (a second run exits at once with code 75), records the run
    with counts and step timings in staging.etl_runs, and ends with a one-paragraph summary.
    """
    sources = _sources_or_default(source)
    url = _database_url()
    summary, docs_path = _run_with_progress(
        url,
        "nightly",
        sources,
        pipeline.Steps(freshness=True, skip_unchanged=True),
        migrate=migrate,
        fail_if_empty=fail_if_empty,
        reread=reread,
    )
    _print_if_build_skipped(summary)
    counts = pipeline.warehouse_counts(url)
    out.print(
        f"Nightly run {summary.run_id} succeeded: {summary.files} files read, "
        + _unchanged_files(summary)
        + f"{summary.loaded} new documents loaded, {summary.unchanged} unchanged, "
        f"{len(summary.rejected)} rejected; {summary.agreements} agreements extracted. "
        f"The marts hold {counts.agreements} agreements from {counts.documents} documents. "
        + (f"{len(summary.warnings)} warnings (below)." if summary.warnings else "No warnings.")
    )
    if docs_path:
        out.print(f"Docs site: {docs_path}", highlight=False, overflow="ignore", crop=False)
    _print_problems(summary)


@app.command()
@_fails_cleanly
def reprocess(
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Re-extract every stored document, not only those of an older extractor.",
        ),
    ] = False,
) -> None:
    """Re-extract stored documents whose extractor version is older than the current one.

    Uses the stored text and the metadata the input declared (source files are not read
    again), so the result is what a fresh load of the same inputs gives; then rebuilds.
    """
    url = _database_url()
    with console.status("Re-extracting and rebuilding...") as status:
        count = pipeline.reprocess(
            url, every=every, on_step=lambda step: status.update(step + "...")
        )
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

    argv = _nightly_argv(_sources_or_default(source))  # checked now, not at 02:00
    try:
        run_on_schedule(cron, argv, run_now=run_now, log=out.print)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--cron") from None


def _nightly_argv(sources: list[Path]) -> list[str]:
    argv = ["nightly"]
    for path in sources:
        argv += ["--source", str(path)]
    return argv


@bench_app.command("generate")
def bench_generate(
    directory: Annotated[
        Path,
        typer.Argument(
            file_okay=False,
            help="Where to write the corpus: articles/ (.jsonl feed shards, for `cmw load`),"
            " truth.jsonl and texts/ (for `cmw eval DIR/truth.jsonl`). Must be new or empty.",
        ),
    ],
    docs: Annotated[int, typer.Option(min=1, help="How many articles.")] = 1000,
    seed: Annotated[int, typer.Option(help="The same seed writes the same bytes.")] = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty.")
    ] = False,
) -> None:
    """Write a reproducible synthetic corpus of news articles with its ground truth.

    Several languages, many country pairs, people, minerals, instruments and dates, the
    same event reported again by other outlets, and negatives (articles that report no
    agreement). The first N articles of a larger corpus of the same seed are this corpus.
    """
    from etl import bench as benchmarks

    try:
        benchmarks.check_directory(directory, force=force)  # before the progress bar shows
    except benchmarks.DirectoryNotEmpty as exc:
        console.print(f"[red]Not written:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("Writing articles", total=docs)
        files = benchmarks.generate(
            directory, docs, seed, force=force, on_articles=lambda n: progress.advance(task, n)
        )
    out.print(
        f"{files.articles:,} articles (seed {seed}) in {files.articles_dir},"
        f" their truth in {files.truth}; score the extractor with"
        f" `cmw eval {files.truth}`, load them with `cmw load {files.articles_dir}`",
        highlight=False,
        overflow="ignore",
        crop=False,
    )


@bench_app.command("run")
@_fails_cleanly
def bench_run(
    docs: Annotated[
        int, typer.Option(min=1, help="How many articles to generate and measure.")
    ] = 1000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Extraction processes side by side (default: CMW_WORKERS, one per core);"
            " the full build and the nightly use CMW_WORKERS.",
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="The corpus's seed.")] = 1,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", dir_okay=False, help="Also write the report to this JSON file."),
    ] = None,
) -> None:
    """Measure every stage on a generated corpus, side by side, in one run.

    Extraction on one worker and on all; staging load rows per second next to a raw COPY
    of the same rows into unindexed tables and to pandas' DataFrame.to_sql; a full build
    from files to marts; a nightly adding 1%; peak memory; the extraction's F1 against
    the generated truth. Creates and drops its own databases on the configured server.
    """
    import json

    from etl import bench as benchmarks

    url = _database_url()
    with console.status("Benchmarking...") as status:
        report = benchmarks.run_bench(
            url,
            docs,
            workers=workers or config.workers(),
            seed=seed,
            on_step=lambda step: status.update(step + "..."),
        )
    table = Table("measure", "value", title=f"cmw bench run --docs {docs}")
    for key, value in report.items():
        table.add_row(key, f"{value:,}" if isinstance(value, int | float) else str(value))
    out.print(table)
    if json_file:
        json_file.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        out.print(f"report written to {json_file}", highlight=False, crop=False)


@app.command(name="eval")
def eval_command(
    gold: Annotated[
        Path | None,
        typer.Argument(
            exists=True,
            help="Gold annotations: a self-written gold YAML (default in a checkout:"
            " tests/gold/annotations.yaml; an installed cmw needs it named), or a"
            " real-article facts file (`articles:`), or the truth.jsonl of `cmw bench generate`.",
        ),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(
            help="Folder of the real articles' texts, one file per URL (default: texts/"
            " beside the facts file). Articles whose text is missing are skipped and counted.",
        ),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(help="Only the articles of this split: development or heldout."),
    ] = None,
    merges: Annotated[
        bool,
        typer.Option(
            "--merges",
            help="Also load the documents into a throwaway database, build the marts and"
            " check that reports of one event merged (needs the database; slower).",
        ),
    ] = False,
    threshold: Annotated[
        float, typer.Option(help="Exit 6 when any field's F1 is below this.", min=0.0, max=1.0)
    ] = 0.0,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List every difference from the gold annotations.")
    ] = False,
) -> None:
    """Score the extractor against hand-annotated gold documents: precision, recall, F1 per field."""
    from etl.evaluation import GoldNotFound, evaluate, format_report

    try:
        report = _evaluate_cleanly(lambda: evaluate(gold, texts=texts, split=split, merges=merges))
    except GoldNotFound as exc:
        raise typer.BadParameter(str(exc), param_hint="'GOLD'") from None
    out.print(format_report(report, show_errors=show_errors), highlight=False)
    below = [s.field for s in report.scores + report.commitment_scores if s.f1 < threshold]
    if below:
        console.print(f"[red]F1 below {threshold}:[/red] {', '.join(below)}")
        raise typer.Exit(EXIT_EVALUATION)


@_fails_cleanly
def _evaluate_cleanly(run: Callable):
    """--merges talks to the database: its failures get the usual exit codes."""
    return run()


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
    paths: Annotated[
        list[Path],
        typer.Argument(exists=True, help="Files, folders or .jsonl(.gz) feeds to ingest."),
    ],
    fail_if_empty: FailIfEmptyOption = False,
    reread: RereadOption = False,
) -> None:
    """Read, extract and load documents into staging (no dbt build)."""
    url = _database_url()
    summary, _ = _run_with_progress(
        url,
        "load",
        paths,
        pipeline.Steps(build=False, docs=False),
        migrate=False,
        fail_if_empty=fail_if_empty,
        reread=reread,
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
        pipeline.build(url, full_refresh=True if full_refresh else None)
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
    force: Annotated[
        bool,
        typer.Option(help="Generate the site even when the one on disk is from the current code."),
    ] = False,
) -> None:
    """Generate the dbt docs site, one self-contained page (and serve it with --serve).

    The site describes the project, not its rows: a site generated from the current code
    (by `cmw run` or a nightly) is kept as it is, unless --force.

    --serve serves that page only (nothing else of dbt's target folder), read from disk
    on every request, so it shows what the latest nightly regenerated.
    """
    url = _database_url()
    if force or not pipeline.docs_current(url):
        with console.status("dbt docs generate..."):
            index = pipeline.generate_docs(url)
    else:
        index = pipeline.docs_page(url)
        out.print(
            "The docs site is current (generated from this code); --force generates it again."
        )
    out.print(f"docs site: {index}", highlight=False, overflow="ignore", crop=False)
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


# --- analysts' logins ------------------------------------------------------------


@bi_app.command("grant")
@_fails_cleanly
def bi_grant(
    login: Annotated[str, typer.Argument(help="The login name the BI tool connects with.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="CMW_BI_PASSWORD",
            help="Its password (asked for when not given; or from CMW_BI_PASSWORD).",
        ),
    ],
) -> None:
    """Create (or reset) a login for a BI tool: it can read every table in marts, nothing else."""
    url = _database_url()
    try:
        created = db.grant_bi_login(url, login, password)
    except db.BiReaderMissing as exc:
        console.print(f"[red]Not yet:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    out.print(
        f"{'created' if created else 'updated'} login {login!r}, member of {db.BI_READER_ROLE};"
        f" connect with host, port and database of {db.redact(url)}, user {login}",
        highlight=False,
    )


@bi_app.command("revoke")
@_fails_cleanly
def bi_revoke(
    login: Annotated[str, typer.Argument(help="The login to remove.")],
) -> None:
    """Remove a BI tool's login."""
    removed = db.revoke_bi_login(_database_url(), login)
    out.print(f"removed login {login!r}" if removed else f"no login {login!r}", highlight=False)


# --- output ----------------------------------------------------------------------


class _InputBytesColumn(DownloadColumn):
    """Input bytes read so far, for the reading step only (the dbt steps have no size)."""

    def render(self, task):
        return super().render(task) if task.fields.get("counts_bytes") else Text("")


def _run_with_progress(
    url: str,
    command: str,
    sources: list[Path],
    steps: pipeline.Steps,
    *,
    migrate: bool = True,
    fail_if_empty: bool = False,
    reread: bool = False,
) -> tuple[pipeline.IngestSummary, Path | None]:
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        _InputBytesColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        reading = progress.add_task(
            "Reading, extracting and loading documents",
            total=None,
            visible=False,
            counts_bytes=True,
        )
        current_step: list[TaskID] = []

        def on_step(description: str) -> None:
            if current_step:
                progress.update(current_step[-1], completed=1, total=1)
            if description.startswith("Reading"):
                # The bar counts input bytes: many small files and one large feed alike.
                total = sum(pipeline.input_size(f) for f in pipeline.discover(sources))
                progress.update(reading, visible=True, total=total)
                current_step.append(reading)
            else:
                current_step.append(progress.add_task(description, total=None))

        result = pipeline.run_pipeline(
            url,
            command,
            sources,
            migrate=migrate,
            steps=steps,
            on_bytes_read=lambda n: progress.advance(reading, n),
            on_step=on_step,
            fail_if_empty=fail_if_empty,
            reread=reread,
            on_unchanged_files=lambda n: progress.update(
                reading,
                description="Reading, extracting and loading documents"
                f" ({n} {pipeline.UNCHANGED_FILES})",
            ),
        )
        if current_step:
            progress.update(current_step[-1], completed=1, total=1)
        return result


def _unchanged_files(summary: pipeline.IngestSummary) -> str:
    if not summary.files_unchanged:
        return ""
    return f"{summary.files_unchanged} {pipeline.UNCHANGED_FILES}, "


def _print_ingest(summary: pipeline.IngestSummary) -> None:
    out.print(
        f"run {summary.run_id}: {summary.files} files, "
        + _unchanged_files(summary)
        + f"{summary.loaded} documents loaded, "
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


def _print_if_build_skipped(summary: pipeline.IngestSummary) -> None:
    if summary.build_outcome == "skipped":
        out.print(pipeline.NOTHING_NEW.capitalize() + ".")


def _print_summary(url: str, summary: pipeline.IngestSummary, docs_path: Path | None) -> None:
    _print_ingest(summary)
    _print_if_build_skipped(summary)
    counts = pipeline.warehouse_counts(url)
    table = Table(title="Warehouse", show_header=False)
    table.add_row("documents", str(counts.documents))
    table.add_row("rejected inputs (all runs)", str(counts.rejected_inputs))
    table.add_row("agreements", str(counts.agreements))
    table.add_row("agreement participants", str(counts.participants))
    table.add_row("agreement minerals", str(counts.minerals))
    table.add_row("agreement sources", str(counts.sources))
    out.print(table)
    # Paths and commands on lines of their own: a table would cut them on a narrow terminal.
    if docs_path:
        out.print(
            f"Docs site (open in a browser, or `cmw docs --serve`): {docs_path}",
            highlight=False,
            overflow="ignore",
            crop=False,
        )
    out.print(
        f'Query the marts: psql "{db.redact(url)}" -c "select * from marts.fct_agreements"',
        highlight=False,
        overflow="ignore",
        crop=False,
    )


def main() -> None:
    """The `cmw` entry point: SIGTERM stops a run as cleanly as Ctrl+C does."""
    interrupts.install()
    app()


if __name__ == "__main__":
    main()
