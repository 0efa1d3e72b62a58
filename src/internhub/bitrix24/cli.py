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
    events_to: str = typer.Option("", help="Send CRM events to this URL (outgoing webhooks, as set in a portal)."),
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

        for event in ENTITY_EVENTS:
            portal.add_outgoing_webhook(event, events_to)
        typer.echo(f"Outgoing webhooks: CRM events to {events_to} (application token {config.application_token})")
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


def _run(work):
    """Run ``work(settings, sessionmaker, clients)`` with the app's database and the configured portal."""
    import asyncio

    from fastapi import FastAPI

    from internhub.bitrix24.embedded import connect_configured_portal
    from internhub.bitrix24.portals import PortalClients
    from internhub.common.heap import freeze_long_lived
    from internhub.config import get_settings
    from internhub.db import create_engine, create_sessionmaker

    async def main():
        settings = get_settings()
        engine = create_engine(settings)
        holder = FastAPI()
        holder.state.sessionmaker = create_sessionmaker(engine)
        clients = PortalClients(settings, holder.state.sessionmaker)
        try:
            if settings.bitrix24_webhook_url:
                await connect_configured_portal(holder, settings, clients)
            freeze_long_lived()  # as the server does once it has started
            return await work(settings, holder.state.sessionmaker, clients)
        finally:
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
