from __future__ import annotations

import pytest
from pydantic import ValidationError

from internhub.config import Settings


def test_defaults_to_a_sqlite_file_under_var() -> None:
    settings = Settings(_env_file=None)
    assert settings.effective_database_url == "sqlite+aiosqlite:///var/internhub.db"
    assert settings.is_sqlite


def test_environment_switches_to_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERNHUB_DATABASE_URL", "postgresql+asyncpg://u:p@db/internhub")
    settings = Settings(_env_file=None)
    assert settings.effective_database_url.startswith("postgresql+asyncpg://")
    assert not settings.is_sqlite


def test_production_refuses_the_placeholder_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERNHUB_ENV", "production")
    with pytest.raises(ValidationError, match="INTERNHUB_SECRET_KEY"):
        Settings(_env_file=None)
    monkeypatch.setenv("INTERNHUB_SECRET_KEY", "a-real-secret-from-the-vault-1234567890")
    assert Settings(_env_file=None).json_logs is True


def test_secrets_do_not_show_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERNHUB_SECRET_KEY", "super-secret-value-123456")
    assert "super-secret-value-123456" not in repr(Settings(_env_file=None))


def test_links_name_an_address_one_can_reach() -> None:
    from internhub.config import Settings

    assert Settings(host="0.0.0.0", port=8000).base_url == "http://localhost:8000"  # make run listens everywhere
    assert Settings(host="127.0.0.1", port=9000).base_url == "http://127.0.0.1:9000"
    assert Settings(public_url="https://hr.example.ru/").base_url == "https://hr.example.ru"


def test_serve_names_the_address_it_listens_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from internhub.cli import app as cli
    from internhub.config import get_settings

    monkeypatch.delenv("INTERNHUB_PUBLIC_URL", raising=False)
    monkeypatch.setenv("INTERNHUB_HOST", "localhost")  # both restored afterwards; serve overwrites them
    monkeypatch.setenv("INTERNHUB_PORT", "8000")
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    result = CliRunner().invoke(cli, ["serve", "--host", "127.0.0.1", "--port", "9123"])
    assert result.exit_code == 0, result.output
    assert get_settings().base_url == "http://127.0.0.1:9123"
    get_settings.cache_clear()
