import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import ConditionPageFactory

#: Seconds before a link check gives up; the slow path answers after this.
TIMEOUT = 0.5


@dataclass
class CitedSite:
    """A site on 127.0.0.1 that cited links point at: one path per kind of answer."""

    origin: str
    closed_origin: str
    #: ``(method, path, user agent)`` of every request received.
    requests: list[tuple[str, str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    @property
    def closed(self) -> str:
        """A URL on a port nothing listens on."""
        return f"{self.closed_origin}/gone"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cited_site(settings):
    settings.LINK_CHECK_TIMEOUT = TIMEOUT
    release = threading.Event()
    state = CitedSite(origin="", closed_origin=f"http://127.0.0.1:{_free_port()}")

    class Handler(BaseHTTPRequestHandler):
        def answer(self, method):
            state.requests.append((method, self.path, self.headers.get("User-Agent", "")))
            if self.path == "/slow":
                release.wait(10 * TIMEOUT)
            if self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok")
            elif self.path == "/no-head" and method == "HEAD":
                self.send_response(405)
            elif self.path in ("/ok", "/no-head", "/slow"):
                self.send_response(200)
            else:
                self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self):
            self.answer("HEAD")

        def do_GET(self):
            self.answer("GET")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.origin = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    release.set()
    server.shutdown()
    server.server_close()


def citing(*urls) -> dict:
    """Factory arguments for a page whose references section cites ``urls``, in order."""
    kwargs = {"body__0": "references"}
    for i, url in enumerate(urls):
        kwargs[f"body__0__references__citations__{i}__doi"] = ""
        kwargs[f"body__0__references__citations__{i}__url"] = url
    return kwargs


@pytest.fixture
def page_citing(condition_index):
    def make(*urls, **kwargs):
        return ConditionPageFactory(parent=condition_index, **citing(*urls), **kwargs)

    return make


@pytest.fixture
def member_client(client, site):
    """A client signed in as a member of one role (a group created by the migrations)."""

    def sign_in(role):
        user = get_user_model().objects.create_user("member", "member@example.com", "password")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return sign_in
