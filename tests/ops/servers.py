"""Real servers for operations tests: a TCP proxy the test can cut, and gunicorn subprocesses."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k3Jx9vQ2mZ7pL0sT4wY8bN1cR6dF5gH2jK7lM9nP3qS0uV4xZ8aB",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "INTAKE_ENCRYPTION_KEYS": "Xq8gT6Ex2f0bC3Vw2PZq3rJ0YcF7u1oW9s4Gm5aN8kE=",
    "SECURE_SSL_REDIRECT": "false",
    "INTAKE_MIN_FILL_SECONDS": "0",
    "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TCPProxy:
    """Forwards 127.0.0.1:<port> to an upstream address until ``cut()``; ``restore()`` resumes.

    While cut, new connections are accepted and closed at once and open ones are dropped, which
    is what a client sees when the database host goes away.
    """

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.is_cut = False
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self):
        self.is_cut = True
        with self.lock:
            for sock in self.sockets:
                _close(sock)
            self.sockets.clear()

    def restore(self):
        self.is_cut = False

    def close(self):
        self.cut()
        _close(self.listener)

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.is_cut:
                _close(client)
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets.update({client, upstream})
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    _close(source)
    _close(target)


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class GunicornServer:
    """``gunicorn cms.wsgi`` with the production settings and ``env`` on a free port."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {**os.environ, **PRODUCTION_ENV, "PUBLIC_BASE_URL": self.url, **env}
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "1", "--threads", "4", "--timeout", "60"],
            cwd=BASE_DIR, env=environment, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_until_up(log_path)

    def _wait_until_up(self, log_path, attempts=600):
        for _ in range(attempts):
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{Path(log_path).read_text()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start:\n{Path(log_path).read_text()}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
