"""Shared set-up for the benchmark scripts: a throwaway SQLite database, the site tree, timing.

Each script is plain Python (``.venv/bin/python bench/<name>.py``); importing this module first
points Django at ``cms.settings.test`` and a fresh database under ``/tmp``, migrates it and
builds the minimal tree the factories need (root, home, site, condition index).
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKDIR = Path(tempfile.mkdtemp(prefix="cms-bench-"))
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

setup_test_environment()  # the test client's host ("testserver") and locmem email


def build_site():
    """Migrate the throwaway database and return the condition index page."""
    from wagtail.models import Page, Site

    from tests.factories import ConditionIndexPageFactory, HomePageFactory

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, title="Home", slug="home")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return ConditionIndexPageFactory(parent=home, title="Conditions", slug="conditions")


def linked_page(index, sections: int, slug: str = "bench", images=None, targets=None):
    """A published condition page of ``sections`` sections choosing ``images`` and linking to
    ``targets`` (three of each by default, two of the targets also as related conditions),
    approved by a medical reviewer as the project requires."""
    from tests.api.conftest import linked_sections
    from tests.factories import ConditionPageFactory, ImageFactory, publish_approved

    if images is None:
        images = [ImageFactory(file__width=1300, file__height=700) for _ in range(3)]
    if targets is None:
        targets = [ConditionPageFactory(parent=index, title=f"Target {n}") for n in range(3)]
    page = ConditionPageFactory(parent=index, slug=slug)
    page.body = linked_sections(sections, images, targets)
    page.related_conditions.set(targets[:2])
    publish_approved(page)
    return page


def measure(request, runs: int, before=None, expect: int = 200) -> dict:
    """Call ``request()`` ``runs`` times (after one untimed warm-up), ``before()`` untimed
    before each; return median and p95 in milliseconds and the queries of the last call."""
    if before:
        before()
    request()
    timings = []
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = request()
            timings.append((time.perf_counter() - start) * 1000)
    if response.status_code != expect:
        raise SystemExit(f"Expected {expect}, got {response.status_code}: {response.content[:300]}")
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": p95,
        "queries": len(queries.captured_queries),
        "status": response.status_code,
        "bytes": len(getattr(response, "content", b"")),
    }


def machine() -> str:
    import wagtail

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"SQLite {connection.Database.sqlite_version}; settings cms.settings.test "
        f"(locmem cache, DEBUG={settings.DEBUG})"
    )


def report(title: str, rows: list[tuple[str, dict]], runs: int) -> None:
    print(f"\n{title} ({runs} timed runs each, after one warm-up)")
    print(f"{machine()}\n")
    print("| Case | Median (ms) | p95 (ms) | Queries | Status | Bytes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        print(
            f"| {name} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['queries']} | "
            f"{r['status']} | {r['bytes']} |"
        )
