"""Real Redis and RabbitMQ servers on loopback for the tests (Debian's packages), each stoppable and startable
again so a test can take one away mid-run."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from internhub.testing.postgres import free_port


def wait_listening(port: int, process: subprocess.Popen, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                tail = log.read_text()[-2000:] if log is not None and log.exists() else ""
                raise RuntimeError(f"{what} did not start {tail}") from None
            time.sleep(0.05)


class Redis:
    """A Redis server keeping nothing on disk; ``stop`` and ``start`` again keep its port."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
        self.process = subprocess.Popen(
            [*command, "no", "--dir", str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_listening(self.port, self.process, 10, "redis-server")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


class RabbitMQ:
    """A RabbitMQ node of its own on loopback (Debian's rabbitmq-server, run as its user)."""

    def __init__(self, folder: Path) -> None:
        self.port, self.dist_port = free_port(), free_port()
        self.node = f"internhub{self.port}@localhost"
        self.folder = folder
        for name in ("data", "log"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        shutil.chown(folder, "rabbitmq", "rabbitmq")
        for name in ("data", "log"):
            shutil.chown(folder / name, "rabbitmq", "rabbitmq")
        self.url = f"amqp://guest:guest@127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(self.folder / "data"),
            "RABBITMQ_LOG_BASE": str(self.folder / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.folder / "enabled_plugins"),
        }
        log = self.folder / "server.log"
        self.process = subprocess.Popen(
            ["su", "rabbitmq", "-s", "/bin/sh", "-c", "exec rabbitmq-server"],
            env=env,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_listening(self.port, self.process, 60, "RabbitMQ", log)

    def stop(self) -> None:
        subprocess.run(["rabbitmqctl", "-n", self.node, "stop"], capture_output=True, timeout=60)
        if self.process is not None:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
