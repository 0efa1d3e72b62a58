"""``internhub bitrix24 ...`` commands."""

from __future__ import annotations

import typer

app = typer.Typer(help="Bitrix24 tools: the sandbox portal, setup and import.", no_args_is_help=True)


@app.callback()
def bitrix24() -> None:
    """Bitrix24 tools."""


@app.command()
def sandbox(
    port: int = typer.Option(8081, help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Interface to bind."),
    domain: str = typer.Option("", help="Portal domain clients use; defaults to HOST:PORT."),
    tls_cert: str = typer.Option("", help="PEM certificate; serve https (b24pysdk speaks https only)."),
    tls_key: str = typer.Option("", help="PEM private key for --tls-cert."),
    rate: float = typer.Option(2.0, help="Leaky bucket drain, requests per second."),
    burst: int = typer.Option(50, help="Requests queued before QUERY_LIMIT_EXCEEDED."),
    token_lifetime: int = typer.Option(3600, help="Access token lifetime, seconds."),
    drop_events: float = typer.Option(0.0, help="Share of outgoing events silently dropped (0..1)."),
    seed_demo: bool = typer.Option(False, "--seed-demo", help="Fill in demo companies, contacts and deals."),
    seed: int | None = typer.Option(None, help="Random seed for dropped events and demo data."),
    events_to: list[str] = typer.Option(
        [],
        help="Send CRM events to this URL (outgoing webhooks, as set in a portal); given more than once, the events "
        "are spread over the URLs, each event to one of them (as several outgoing webhooks would be set up).",
    ),
) -> None:
    """Run a sandbox Bitrix24 portal and print how to connect to it."""
    import uvicorn

    from .sandbox import SandboxConfig, SandboxPortal, create_app

    if bool(tls_cert) != bool(tls_key):
        raise typer.BadParameter("--tls-cert and --tls-key go together")
    config = SandboxConfig(
        domain=domain or f"{host}:{port}",
        scheme="https" if tls_cert else "http",
        rate=rate,
        burst=burst,
        token_lifetime_seconds=token_lifetime,
        event_drop_rate=drop_events,
        seed=seed,
    )
    portal = SandboxPortal(config)
    if seed_demo:
        portal.seed_demo()
    if events_to:
        from internhub.bitrix24.events import ENTITY_EVENTS

        for n, event in enumerate(ENTITY_EVENTS):
            portal.add_outgoing_webhook(event, events_to[n % len(events_to)])
        handlers = ", ".join(events_to)
        typer.echo(f"Outgoing webhooks: CRM events to {handlers} (application token {config.application_token})")
    typer.echo(f"Incoming webhook: {config.webhook_url}")
    typer.echo(f"OAuth client_id: {config.client_id}")
    typer.echo(f"OAuth client_secret: {config.client_secret}")
    typer.echo(f"OAuth token endpoint: {config.base_url}/oauth/token/")
    uvicorn.run(
        create_app(portal),
        host=host,
        port=port,
        ssl_certfile=tls_cert or None,
        ssl_keyfile=tls_key or None,
        log_level="info",
    )


def _run(work, connect: bool = True):
    """Run ``work(settings, sessionmaker, clients)`` with the app's database and the configured portal."""
    import asyncio

    from fastapi import FastAPI

    from internhub import jobs, listeners
    from internhub.bitrix24.embedded import connect_configured_portal
    from internhub.bitrix24.portals import PortalClients
    from internhub.common.heap import freeze_long_lived
    from internhub.config import get_settings
    from internhub.db import create_engine, create_sessionmaker

    async def main():
        settings = get_settings()
        engine = create_engine(settings)
        holder = FastAPI()
        listeners.install()
        holder.state.sessionmaker = create_sessionmaker(engine)
        clients = PortalClients(settings, holder.state.sessionmaker)
        # Records written here start jobs as the server's do (skill counts, mails), in this process or on the broker.
        await jobs.start(settings, holder.state.sessionmaker)
        try:
            if connect and settings.bitrix24_webhook_url:
                await connect_configured_portal(holder, settings, clients)
            freeze_long_lived()  # as the server does once it has started
            return await work(settings, holder.state.sessionmaker, clients)
        finally:
            await jobs.stop()
            await clients.aclose()
            await engine.dispose()

    return asyncio.run(main())


async def _portal_id(sessionmaker, workspace: str) -> int:
    from sqlalchemy import select

    from internhub.models import Portal, Workspace

    async with sessionmaker() as session:
        portal_id = await session.scalar(select(Portal.id).join(Workspace).where(Workspace.slug == workspace))
    if portal_id is None:
        typer.echo(f"No Bitrix24 portal is connected to workspace '{workspace}'. Set INTERNHUB_BITRIX24_WEBHOOK_URL.")
        raise typer.Exit(2)
    return portal_id


@app.command()
def setup(workspace: str = typer.Option("default", help="Workspace slug whose portal to set up.")) -> None:
    """Create the pipelines, stages, company types and fields our mapping needs (safe to run again)."""
    from internhub.bitrix24.setup import ensure_setup
    from internhub.models import Portal

    async def work(settings, sessionmaker, clients):
        portal_id = await _portal_id(sessionmaker, workspace)
        async with sessionmaker() as session:
            portal = await session.get_one(Portal, portal_id)
            mapping = await ensure_setup(session, portal, clients.client_for(portal))
            await session.commit()
        typer.echo(mapping.model_dump_json(indent=2))

    _run(work)


@app.command("import")
def import_(workspace: str = typer.Option("default", help="Workspace slug whose portal to import.")) -> None:
    """Import every company, contact and deal of the portal, with progress; run again to resume."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from internhub.bitrix24.importer import import_portal
    from internhub.bitrix24.sync import PortalSync
    from internhub.models import Portal

    async def work(settings, sessionmaker, clients):
        portal_id = await _portal_id(sessionmaker, workspace)
        async with sessionmaker() as session:
            portal = await session.get_one(Portal, portal_id)
            client = clients.client_for(portal)
        with Progress(
            TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
        ) as bar:
            tasks: dict[str, int] = {}

            def progress(kind: str, done: int, total: int | None) -> None:
                if kind not in tasks:
                    tasks[kind] = bar.add_task(kind, total=total)
                bar.update(tasks[kind], completed=done, total=total)

            summary = await import_portal(sessionmaker, PortalSync(sessionmaker, portal_id, client), progress)
        typer.echo(
            f"Imported: {summary.created} new, {summary.updated} updated, {summary.waiting} waiting for their "
            f"references, in {summary.requests} requests."
        )

    _run(work)


ACTIONS = {"link": "link", "create_there": "create in Bitrix24", "create_here": "create here", "conflict": "conflicts"}


def _print_plan(counts: dict[str, dict[str, int]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("", *ACTIONS.values(), title="Connection plan")
    for kind, row in counts.items():
        table.add_row(kind, *(f"{row.get(action, 0):,}" for action in ACTIONS))
    Console().print(table)


async def _follow(worker, portal_id: int, accept: bool):
    """Drive the portal's connection with a progress bar until it waits for an administrator (or, with
    ``accept``, until it is carried out); the connection's status, progress, counts and error."""
    import asyncio

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from internhub.bitrix24 import connection as connections
    from internhub.models import ConnectionStatus, Portal

    columns = TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    with Progress(*columns) as bar:
        task = bar.add_task("planning", total=None)
        while True:
            async with worker.sessionmaker() as session:
                connection = await connections.latest(session, portal_id)
                if connection is None:
                    raise typer.Exit(1)  # connect() made one before coming here; none means the portal went away
                portal = await session.get_one(Portal, portal_id)
                if portal.sync_error is not None:
                    bar.stop()
                    typer.echo(f"Bitrix24 refused: {portal.sync_error}\nRun the command again to go on.")
                    raise typer.Exit(1)
                if connection.status == ConnectionStatus.planned and accept:
                    await connections.accept(session, connection, None)
                    await session.commit()
                    continue
                pending = await connections.pending_pushes(session, portal.workspace_id)
            status, progress = connection.status, dict(connection.progress)
            total = progress.get("export_total")
            bar.update(task, description=str(status), total=total, completed=total - pending if total else 0)
            if status in (ConnectionStatus.done, ConnectionStatus.failed) or (
                status == ConnectionStatus.planned and not accept
            ):
                return status, progress, connection.counts, connection.error
            if not await worker.tick():
                await asyncio.sleep(1.0)  # another process holds the portal, or it rests after a failure


@app.command()
def connect(
    workspace: str = typer.Option("default", help="Workspace slug to connect the configured portal to."),
    accept: bool = typer.Option(False, "--accept", help="Accept the plan and carry it out, with progress."),
    move: bool = typer.Option(
        False, "--move", help="The workspace's records are linked to another portal: drop those links, use this one."
    ),
    replan: bool = typer.Option(False, "--replan", help="Match both sides again, even if a plan exists."),
) -> None:
    """Connect the portal of INTERNHUB_BITRIX24_WEBHOOK_URL: match what both sides hold and show the plan; with
    --accept, link, import and export (resumable: run it again after an interruption)."""
    from internhub.bitrix24 import connection as connections
    from internhub.bitrix24.embedded import connect_configured_webhook
    from internhub.bitrix24.worker import SyncWorker
    from internhub.models import ConnectionStatus
    from internhub.workspaces import get_or_create

    async def work(settings, sessionmaker, clients):
        if not settings.bitrix24_webhook_url:
            typer.echo("Set INTERNHUB_BITRIX24_WEBHOOK_URL to the portal's incoming webhook first.")
            raise typer.Exit(2)
        token = settings.bitrix24_application_token
        async with sessionmaker() as session:
            workspace_id = (await get_or_create(session, workspace, workspace.replace("-", " ").title())).id
            try:
                portal = await connect_configured_webhook(
                    session,
                    clients,
                    workspace_id,
                    settings.bitrix24_webhook_url.get_secret_value(),
                    token.get_secret_value() if token else None,
                    settings,
                    move=move,
                )
            except connections.WorkspaceLinkedElsewhere as refused:
                await session.commit()
                typer.echo(f"Refused: {refused}")
                raise typer.Exit(1) from None
            current = await connections.latest(session, portal.id)
            if current is None or replan:
                await connections.start(session, portal)
            portal_id = portal.id
            await session.commit()

        worker = SyncWorker(settings, sessionmaker, clients)
        try:
            status, progress, counts, error = await _follow(worker, portal_id, accept)
        finally:
            await worker.release_leases()  # the server's worker (or the next run) goes on at once
        _print_plan(counts)
        if status == ConnectionStatus.planned:
            typer.echo(
                "Nothing is written yet. Accept with `internhub bitrix24 connect --accept` or on the Bitrix24 screen."
            )
        elif status == ConnectionStatus.done:
            typer.echo(
                f"Connected: {progress.get('linked', 0):,} linked, {progress.get('imported', 0):,} imported, "
                f"{progress.get('export_total', 0):,} sent to Bitrix24."
            )
        else:
            typer.echo(f"The connection {status}: {error or 'see the logs'}")
            raise typer.Exit(1)

    _run(work, connect=False)
