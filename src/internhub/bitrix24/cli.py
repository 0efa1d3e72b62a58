"""``internhub bitrix24 ...`` commands."""

from __future__ import annotations

import typer

app = typer.Typer(help="Bitrix24 tools: a local sandbox portal.", no_args_is_help=True)


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
