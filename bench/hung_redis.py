"""Requests while Redis hangs (accepts connections, never answers): the circuit-breaker client
(cms.ops.cache, 0.25 s timeouts, 5 s window) against django-redis's plain client with the same
timeouts. A local socket server plays the hung Redis.

    .venv/bin/python bench/hung_redis.py [runs]
"""

import socket
import sys
import threading

from harness import build_site, linked_page, measure, report

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
SECTIONS = 20


def hung_server() -> int:
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            accepted.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def redis_caches(port, client_class):
    options = {
        "CLIENT_CLASS": client_class,
        "SOCKET_CONNECT_TIMEOUT": 0.25,
        "SOCKET_TIMEOUT": 0.25,
        "BREAKER_SECONDS": 5,
        "IGNORE_EXCEPTIONS": True,
    }
    location = f"redis://127.0.0.1:{port}/0"
    return {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location,
                        "OPTIONS": options}}  # fmt: skip


def main():
    from django.test import Client, override_settings

    from tests.intake.factories import SPINE_ROWS, VALID_ANSWERS, build_form

    page = linked_page(build_site(), SECTIONS)
    build_form(SPINE_ROWS, slug="spine")
    port = hung_server()
    client = Client()

    def submit():
        token = client.get("/api/v3/intake/forms/spine/token").json()["form_token"]
        body = {"answers": VALID_ANSWERS, "form_token": token}
        return client.post("/api/v3/intake/forms/spine/submissions/", body, "application/json")

    detail, find = f"/api/v3/pages/{page.pk}/", "/api/v3/pages/find/?html_path=/conditions/bench/"
    rows = []
    for label, client_class, runs in (
        ("breaker", "cms.ops.cache.CircuitBreakerClient", RUNS),
        ("plain client", "django_redis.client.DefaultClient", min(RUNS, 10)),
    ):
        caches = redis_caches(port, client_class)
        with override_settings(CACHES=caches, INTAKE_RATE_LIMIT=(10**6, 60)):
            rows += [
                (f"{label}: v3 detail", measure(lambda: client.get(detail), runs)),
                (f"{label}: v3 find by path", measure(lambda: client.get(find), runs)),
                (f"{label}: HTML page", measure(lambda: client.get("/conditions/bench/"), runs)),
                (f"{label}: intake token + POST", measure(submit, runs, expect=201)),
            ]
    report(f"Hung Redis, condition page with {SECTIONS} sections", rows, RUNS)


if __name__ == "__main__":
    main()
