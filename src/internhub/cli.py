"""The ``internhub`` command: serve, migrate, create-admin, demo-data, and the Bitrix24 tools."""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy import select

from internhub.bitrix24.cli import app as bitrix24_app
from internhub.config import get_settings

app = typer.Typer(help="InternHub: internships and vacancies, in step with Bitrix24.", no_args_is_help=True)
console = Console(stderr=True)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development)")] = False,
) -> None:
    """Serve the API (and the web UI when it is built)."""
    import uvicorn

    # The app reads its settings itself: the address given here is the one it names (INTERNHUB_PUBLIC_URL unset),
    # in links and in the handlers it binds in Bitrix24.
    for name, value in (("INTERNHUB_HOST", host), ("INTERNHUB_PORT", port)):
        if value is not None:
            os.environ[name] = str(value)
    get_settings.cache_clear()
    settings = get_settings()
    uvicorn.run(
        "internhub.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        reload=reload,
        access_log=False,
        log_level=settings.log_level.lower(),
    )


@app.command()
def openapi(
    output: Annotated[str | None, typer.Option(help="File to write; standard output when omitted")] = None,
):
    """Print the OpenAPI document (the web client is generated from it)."""
    import json

    from internhub.app import create_app

    text = json.dumps(create_app().openapi(), ensure_ascii=False, indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as file:
            file.write(text)
    else:
        typer.echo(text, nl=False)


@app.command()
def worker() -> None:
    """Run the Bitrix24 sync and, with RabbitMQ configured, the background jobs (run any number of these)."""
    import signal

    from taskiq.api import run_receiver_task

    from internhub import jobs, listeners, metrics
    from internhub.bitrix24.portals import PortalClients
    from internhub.bitrix24.worker import SyncWorker
    from internhub.db import create_engine, create_sessionmaker
    from internhub.logging import configure_logging

    settings = get_settings()
    configure_logging(settings)

    async def main() -> None:
        engine = create_engine(settings)
        listeners.install()
        sessionmaker = create_sessionmaker(engine)
        clients = PortalClients(settings, sessionmaker)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await jobs.start(settings, sessionmaker, consume=settings.rabbitmq_url is not None)
        watchers = metrics.watch(settings, engine, stop)
        if settings.rabbitmq_url:
            watchers.append(asyncio.create_task(jobs.watch_queue(stop)))  # the queue's depth
        # With RabbitMQ, jobs sent by any API process run here; in-process jobs run where they are sent.
        receiver = asyncio.create_task(run_receiver_task(jobs.broker())) if settings.rabbitmq_url else None
        try:
            await SyncWorker(settings, sessionmaker, clients).run(stop)
        finally:
            stop.set()
            await asyncio.gather(*watchers)
            if receiver is not None:
                receiver.cancel()
            await jobs.stop()
            await clients.aclose()
            await engine.dispose()

    asyncio.run(main())


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    from internhub.migrate import head_revision, upgrade

    settings = get_settings()
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.effective_database_url)
    console.print(f"Database is at migration {head_revision()}.")


async def _with_session(work):
    from internhub import listeners
    from internhub.db import create_engine, create_sessionmaker

    engine = create_engine(get_settings())
    listeners.install()
    try:
        async with create_sessionmaker(engine)() as session:
            result = await work(session)
            await session.commit()
            return result
    finally:
        await engine.dispose()


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(help="The admin's e-mail (their login)")],
    password: Annotated[
        str | None, typer.Option(help="At least 10 characters; a strong one is generated when omitted")
    ] = None,
    workspace: Annotated[str, typer.Option(help="Workspace slug; created when missing")] = "default",
    if_missing: Annotated[bool, typer.Option(help="Do nothing when the user already exists")] = False,
) -> None:
    """Create a workspace admin and print how to sign in."""
    from email_validator import EmailNotValidError, validate_email

    from internhub.auth import service as auth
    from internhub.auth.schemas import UserIn
    from internhub.errors import Problem
    from internhub.models import Role, User
    from internhub.workspaces import get_or_create

    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise typer.BadParameter(str(exc), param_hint="--email") from exc
    chosen = password or secrets.token_urlsafe(12)
    if len(chosen) < 10:
        raise typer.BadParameter("the password needs at least 10 characters", param_hint="--password")

    async def work(session):
        ws = await get_or_create(session, workspace, workspace.replace("-", " ").title())
        existing = await session.scalar(select(User).where(User.workspace_id == ws.id, User.email == email.lower()))
        if existing is not None:
            return None
        return await auth.create_user(session, ws.id, UserIn(email=email, password=chosen, role=Role.admin))

    try:
        user = asyncio.run(_with_session(work))
    except Problem as exc:
        console.print(f"[red]{exc.detail}[/red]")
        raise typer.Exit(2) from exc
    if user is None:
        console.print(f"User {email} already exists." + ("" if if_missing else " Nothing changed."))
        if not if_missing:
            raise typer.Exit(1)
        return
    console.print(f"Admin created in workspace '{workspace}'. Sign in with: {email} / {chosen}")


@app.command("demo-data")
def demo_data(
    universities: Annotated[int, typer.Option(min=0)] = 20,
    companies: Annotated[int, typer.Option(min=0)] = 100,
    students: Annotated[int, typer.Option(min=0)] = 2_000,
    openings: Annotated[int, typer.Option(min=0)] = 300,
    applications: Annotated[int, typer.Option(min=0)] = 5_000,
    seed: Annotated[int, typer.Option(help="Same seed, same data")] = 42,
    workspace: Annotated[str, typer.Option(help="Workspace slug; created when missing")] = "default",
    if_empty: Annotated[bool, typer.Option(help="Skip when the workspace already has universities")] = False,
) -> None:
    """Fill a workspace with realistic demo data (Russian names, valid INNs, a plausible hiring funnel)."""
    from internhub.demo import generate
    from internhub.models import University, Workspace

    async def has_data(session) -> bool:
        found = select(University.id).join(Workspace).where(Workspace.slug == workspace).limit(1)
        return await session.scalar(found) is not None

    url = get_settings().effective_database_url
    if if_empty and asyncio.run(_with_session(has_data)):
        console.print(f"Workspace '{workspace}' already has data; leaving it as it is.")
        return
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        summary = asyncio.run(
            generate(
                url,
                universities=universities,
                companies=companies,
                students=students,
                openings=openings,
                applications=applications,
                seed=seed,
                workspace_slug=workspace,
                progress=progress,
            )
        )
    console.print(f"Demo data ready in {time.perf_counter() - started:.1f} s: {summary}")


app.add_typer(bitrix24_app, name="bitrix24", help="Bitrix24: the sandbox portal and sync tools.")

jobs_app = typer.Typer(no_args_is_help=True)
app.add_typer(jobs_app, name="jobs", help="Background jobs that failed every try: list them, send them again.")


@jobs_app.command("dead")
def dead_jobs(limit: Annotated[int, typer.Option(help="How many, newest first")] = 50) -> None:
    """The jobs that failed every try and wait for an operator."""
    from sqlalchemy import select as select_rows

    from internhub.models import DeadJob

    async def work(session):
        return list(await session.scalars(select_rows(DeadJob).order_by(DeadJob.id.desc()).limit(limit)))

    rows = asyncio.run(_with_session(work))
    if not rows:
        console.print("No dead jobs.")
    for dead in rows:
        state = f"sent again {dead.replayed_at:%Y-%m-%d %H:%M}" if dead.replayed_at else "waiting"
        console.print(f"{dead.id}  {dead.failed_at:%Y-%m-%d %H:%M}  {dead.job} {dead.args} ({state})\n    {dead.error}")


@jobs_app.command("replay")
def replay_job(dead_job_id: Annotated[int, typer.Argument(help="The id `internhub jobs dead` shows")]) -> None:
    """Send a dead job again, with all its tries (to the workers when RabbitMQ is configured, else here)."""
    from internhub import jobs, listeners
    from internhub.db import create_engine, create_sessionmaker

    settings = get_settings()

    async def main() -> str:
        engine = create_engine(settings)
        listeners.install()
        await jobs.start(settings, create_sessionmaker(engine), consume=True)
        try:
            return await jobs.replay(dead_job_id)
        finally:
            await jobs.stop()
            await engine.dispose()

    try:
        name = asyncio.run(main())
    except (LookupError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    console.print(f"Sent {name} again.")
