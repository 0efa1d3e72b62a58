"""One settings class for the whole application, read from the environment (prefix ``INTERNHUB_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path.cwd()
DEV_SECRET = "dev-only-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERNHUB_", env_file=".env", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default="",
        description="SQLAlchemy async URL; empty means a SQLite file under var/",
    )
    data_dir: Path = Path("var")
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    log_json: bool | None = Field(default=None, description="JSON logs; defaults to on in production")
    migrate_on_start: bool = True
    max_body_bytes: int = 1_048_576
    session_ttl_hours: int = 24 * 14
    session_idle_minutes: int = Field(
        default=8 * 60, ge=1, description="A session unused this long ends (a working day away), whatever its lifetime"
    )
    session_cookie_name: str = "internhub_session"
    auth_cache_seconds: float = Field(default=10.0, ge=0, description="How long a verified token is trusted")
    public_url: str = Field(default="", description="Where Bitrix24 reaches us; defaults to http://host:port")
    api_docs: bool | None = Field(
        default=None, description="Serve the API's docs pages (/docs, /redoc); on by default except in production"
    )
    frame_ancestors: str = Field(
        default="",
        description="Origins besides us and the connected Bitrix24 portals that may show our pages in a frame "
        "(CSP frame-ancestors), separated by spaces",
    )

    bitrix24_webhook_url: SecretStr | None = Field(default=None, description="Incoming webhook of a real portal")
    bitrix24_application_token: SecretStr | None = Field(
        default=None, description="Token of the portal's outgoing webhooks (incoming-webhook mode)"
    )
    bitrix24_client_id: str = Field(default="", description="OAuth app (local or market application)")
    bitrix24_client_secret: SecretStr | None = None
    bitrix24_oauth_url: str = "https://oauth.bitrix.info/oauth/token/"
    bitrix24_workspace: str = Field(default="default", description="Workspace the configured portal belongs to")
    bitrix24_move_workspace: bool = Field(
        default=False,
        description="Let the configured webhook lead to another portal than the workspace's records are linked to: "
        "the links into the old portal are dropped and the new one is matched afresh",
    )
    bitrix24_sandbox: bool | None = Field(
        default=None, description="Run the built-in sandbox portal; on by default in development without a portal"
    )
    bitrix24_rate: float = Field(default=2.0, gt=0, description="Requests per second the portal allows")
    bitrix24_burst: int = Field(default=50, ge=1, description="The portal's bucket size")
    bitrix24_reconcile_seconds: float = Field(default=300.0, gt=0, description="How often to heal missed events")
    bitrix24_workers: bool = Field(default=True, description="Run the sync workers in the API process")
    bitrix24_lease_seconds: float = Field(
        default=60.0, gt=0, description="How long a worker owns a portal without renewing (a dead one's expires)"
    )

    rabbitmq_url: SecretStr | None = Field(
        default=None, description="amqp://… to run jobs on RabbitMQ workers; empty runs them in-process"
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="Bearer token Prometheus sends to GET /metrics; empty turns /metrics off (404)",
    )
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Port on which the process (the API or `internhub worker`) also serves its metrics, "
        "without a token (for a private network); empty: none",
    )
    metrics_host: str = Field(default="127.0.0.1", description="Address the metrics port listens on")
    redis_url: SecretStr | None = Field(
        default=None, description="redis://… to share rate limits between processes; empty counts them in each"
    )
    # Rate limits ("N/period;…": every window applies, so repeated abuse meets ever longer waits).
    rate_limit_signin_per_address: str = Field(default="30/minute;300/hour", description="Sign-ins from one address")
    rate_limit_signin_per_account: str = Field(
        default="5/minute;10/15 minutes;30/day", description="Failed sign-ins to one account"
    )
    rate_limit_public_form: str = Field(
        default="10/minute;60/hour", description="Applications through the public form from one address"
    )
    rate_limit_events_refused: str = Field(
        default="30/minute;300/hour", description="Bitrix24 events refused (unknown portal or token) from one address"
    )

    public_workspace: str = Field(
        default="default", description="Workspace whose openings the public catalogue shows when none is named"
    )
    cv_retention_days: int = Field(
        default=180, ge=1, description="CVs of applications rejected or withdrawn this long ago are deleted"
    )
    personal_data_erase_bitrix24: Literal["clear", "delete"] = Field(
        default="clear",
        description="When a student is erased on request, their Bitrix24 contact is cleared (anonymised as here) "
        "or deleted",
    )
    cv_max_bytes: int = Field(
        default=5_242_880,
        ge=1,
        description="Largest CV a public application may attach; that form's body limit is this plus its fields",
    )
    mail_mode: Literal["outbox", "smtp"] = Field(
        default="outbox", description="outbox: e-mails are kept in the database for admins to read; smtp: sent"
    )
    mail_from: str = "InternHub <noreply@internhub.local>"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True

    report_schedules: bool = Field(default=True, description="Run due report schedules in this process")
    report_mail_attachment_max_bytes: int = Field(
        default=5_000_000,
        ge=0,
        description="A report mailed is attached up to this size; a larger one is sent as a link (0: always a link)",
    )

    web_dir: Path = Field(default=Path("web/.output/public"), description="The built web UI, served at /")
    db_pool_size: int = 10
    # A connection opened beyond the pool is closed again as soon as it comes back, so under steady load above the
    # pool's size every such request pays a new connection (connect, authentication, a PostgreSQL backend started,
    # its prepared statements made again): at 50 clients that cost get-by-id two thirds of its throughput. Waiting
    # a moment for a pooled connection is cheaper; raise the pool's size for more connections.
    db_max_overflow: int = 0

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.env == "production" and self.secret_key.get_secret_value() in ("", DEV_SECRET):
            raise ValueError("INTERNHUB_SECRET_KEY must be set to a real secret in production")
        if self.mail_mode == "smtp" and not self.smtp_host:
            raise ValueError("INTERNHUB_SMTP_HOST must be set when INTERNHUB_MAIL_MODE is smtp")
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'internhub.db'}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")

    @property
    def sandbox_enabled(self) -> bool:
        if self.bitrix24_sandbox is not None:
            return self.bitrix24_sandbox
        return self.env == "development" and not self.bitrix24_webhook_url and not self.bitrix24_client_id

    @property
    def base_url(self) -> str:
        # Listening on every interface is no address to give out: links name this machine then.
        host = "localhost" if self.host in ("0.0.0.0", "::", "") else self.host
        return (self.public_url or f"http://{host}:{self.port}").rstrip("/")

    @property
    def json_logs(self) -> bool:
        return self.env == "production" if self.log_json is None else self.log_json


@lru_cache
def get_settings() -> Settings:
    return Settings()
