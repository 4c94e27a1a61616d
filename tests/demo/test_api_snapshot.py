"""Every demo page's API JSON, pinned: refactors of where a shape is declared must not change it.

Identifiers that differ from one database to the next (primary keys, block UUIDs, publish times,
and review dates, which follow the day the demo was loaded) are replaced by stable names before
comparing. Regenerate after a deliberate change with
``UPDATE_SNAPSHOTS=1 pytest tests/demo/test_api_snapshot.py``.
"""

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.pages.cadence import add_months

SNAPSHOT = Path(__file__).parent / "snapshots" / "demo_api.json"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIMESTAMP_KEYS = {"first_published_at", "last_published_at", "last_modified"}
#: Signed per request: different on every response by design.
VOLATILE_KEYS = {"form_token"}
PAGES_URL = re.compile(r"/pages/(\d+)/")
#: The demo's reviewer approves its pages as it loads them: review dates are named from that day.
REVIEW_DATE_KEYS = {"lastReviewed", "last_reviewed", "next_review_due"}


class Normaliser:
    def __init__(self):
        self.pages = {page.pk: page.url_path for page in Page.objects.all()}
        self.images = {image.pk: image.title for image in get_image_model().objects.all()}

    @staticmethod
    def review_date(value):
        today = timezone.localdate()
        day = datetime.date.fromisoformat(value)
        months = (day.year - today.year) * 12 + day.month - today.month
        if add_months(today, months) != day:
            return value
        return f"<load day + {months} months>" if months else "<load day>"

    def page_url(self, match):
        return f"/pages/<{self.pages.get(int(match.group(1)), match.group(1))}>/"

    def __call__(self, value, key=None, owner=None):
        if isinstance(value, dict):
            return {k: self(v, k, value) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v, key, owner) for v in value]
        if isinstance(value, str):
            if UUID.match(value):
                return "<uuid>"
            if key in TIMESTAMP_KEYS:
                return "<timestamp>"
            if key in REVIEW_DATE_KEYS:
                return self.review_date(value)
            if key in VOLATILE_KEYS:
                return f"<{key}>"
            return PAGES_URL.sub(self.page_url, value)
        if isinstance(value, int) and not isinstance(value, bool) and key in {"id", "page"}:
            if owner is not None and ("renditions" in owner or "srcset" in owner):
                return f"<image {self.images.get(value, value)}>"
            return f"<page {self.pages.get(value, value)}>"
        return value


@pytest.fixture
def demo(db, settings):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_every_demo_page_serves_the_json_it_served_before(demo, client):
    normalise = Normaliser()
    served = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        for version in ("v2", "v3"):
            response = client.get(f"/api/{version}/pages/{page.pk}/")
            assert response.status_code == 200, (version, page.url_path, response.content[:300])
            served[f"{version} {page.url_path}"] = normalise(response.json())
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(served, indent=1, sort_keys=True) + "\n")
    assert served == json.loads(SNAPSHOT.read_text())
