"""The servers production runs on, started for a test and thrown away after it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import RabbitMQ, Redis


@pytest.fixture
def rabbitmq() -> Iterator[RabbitMQ]:
    if shutil.which("rabbitmq-server") is None:
        raise RuntimeError("the distributed tests need rabbitmq-server (scripts/system-packages.sh installs it)")
    # Not under pytest's own temporary folder: the rabbitmq user may not enter it.
    folder = Path(tempfile.mkdtemp(prefix="internhub-rabbitmq-"))
    server = RabbitMQ(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[Redis]:
    """A Redis of the test's own, so the test may stop it and start it again."""
    server = Redis(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
