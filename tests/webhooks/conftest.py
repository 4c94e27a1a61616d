import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.webhooks.models import Event, WebhookEndpoint


@dataclass
class ReceivedRequest:
    path: str
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1 that answers with the queued status codes (then 200)."""

    url: str
    requests: list[ReceivedRequest] = field(default_factory=list)
    responses: list[int] = field(default_factory=list)

    def respond_with(self, *status_codes):
        self.responses.extend(status_codes)


@pytest.fixture
def receiver():
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(ReceivedRequest(self.path, dict(self.headers), body))
            status = state.responses.pop(0) if state.responses else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_port}/hooks/rebuild"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    # Inline retries sleep for these delays: zero keeps the suite fast without patching time.
    settings.WEBHOOKS_RETRY_DELAYS = [0, 0]
    settings.WEBHOOKS_TIMEOUT = 2


@pytest.fixture
def endpoint(db, receiver):
    return WebhookEndpoint.objects.create(
        name="Static site", url=receiver.url, events=list(Event.values), secret="s3cret"
    )
