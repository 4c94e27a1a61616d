"""Two app servers on one PostgreSQL and one Redis serve one site consistently.

Runs only against servers that ``.ci/two-servers.sh`` starts (it sets ``TWO_SERVERS`` to their
URLs and shares its environment, production settings included, with this process).
"""

import os
import uuid

import pytest
import requests
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from cms.intake.models import IntakeSubmission
from tests.factories import (
    ConditionIndexPageFactory,
    ConditionPageFactory,
    HomePageFactory,
    approve,
    publish_approved,
)
from tests.intake.factories import SPINE_ROWS, VALID_ANSWERS, build_form

SERVERS = os.environ.get("TWO_SERVERS", "").split()
pytestmark = pytest.mark.skipif(
    len(SERVERS) != 2, reason="set TWO_SERVERS to two server URLs (.ci/two-servers.sh)"
)
PASSWORD = "two-servers-password"


class Browser:
    """A client that keeps cookies the production settings mark Secure, over plain http."""

    def __init__(self, base_url):
        self.base_url, self.cookies = base_url, {}

    def request(self, method, path, **kwargs):
        response = requests.request(
            method, self.base_url + path, cookies=self.cookies, timeout=30, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def login(self, username):
        self.request("GET", "/admin/login/")
        data = {"username": username, "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"]}  # fmt: skip
        response = self.request("POST", "/admin/login/", data=data, allow_redirects=False)
        assert response.status_code == 302, response.text[:500]


@pytest.fixture
def site_data(django_db_blocker):
    run = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or site.root_page.depth == 2 and site.root_page.specific_class is Page:
            root = Page.get_first_root_node()
            home = HomePageFactory(parent=root, title="Home", slug=f"home-{run}")
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "127.0.0.1", "root_page": home}
            )
        home = Site.objects.get(is_default_site=True).root_page
        index = ConditionIndexPageFactory(parent=home, title="Conditions", slug=f"c-{run}")
        page = ConditionPageFactory(parent=index, title="Sciatica", slug=f"sciatica-{run}")
        publish_approved(page)
        form = build_form(SPINE_ROWS, title="Spine", slug=f"spine-{run}")
        username = f"editor-{run}"
        get_user_model().objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    yield {"page": page, "form": form, "username": username}


def test_publish_through_one_server_read_through_the_other(site_data, django_db_blocker):
    first, second = Browser(SERVERS[0]), Browser(SERVERS[1])
    page = site_data["page"]
    detail = f"/api/v3/pages/{page.pk}/"
    assert first.request("GET", detail).json()["title"] == "Sciatica"
    assert second.request("GET", detail).json()["title"] == "Sciatica"  # now cached on both

    with django_db_blocker.unblock():
        draft = Page.objects.get(pk=page.pk).specific
        draft.title = "Sciatica (updated)"
        draft.save_revision()
        approve(draft)  # a clinical change: a medical reviewer approved it
    first.login(site_data["username"])
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    response = first.request(
        "POST", publish, data={"csrfmiddlewaretoken": first.cookies["csrftoken"]},
        allow_redirects=False,
    )  # fmt: skip
    assert response.status_code in (200, 302), response.text[:500]

    assert second.request("GET", detail).json()["title"] == "Sciatica (updated)"
    assert first.request("GET", detail).json()["title"] == "Sciatica (updated)"


def submit(server, slug, key=None, token=None):
    if token is None:
        token = requests.get(f"{server}/api/v3/intake/forms/{slug}/token", timeout=30).json()
    headers = {"Idempotency-Key": key} if key else {}
    body = {"answers": VALID_ANSWERS, "form_token": token["form_token"]}
    url = f"{server}/api/v3/intake/forms/{slug}/submissions/"
    return requests.post(url, json=body, headers=headers, timeout=30)


def test_idempotency_keys_hold_across_servers(site_data, django_db_blocker):
    slug, key = site_data["form"].slug, uuid.uuid4().hex
    token = requests.get(f"{SERVERS[0]}/api/v3/intake/forms/{slug}/token", timeout=30).json()
    created = submit(SERVERS[0], slug, key, token)
    replayed = submit(SERVERS[1], slug, key, token)  # a client's retry: the same body and key

    assert created.status_code == 201, created.text
    assert replayed.status_code == 201, replayed.text
    assert replayed.headers.get("Idempotent-Replayed") == "true"
    assert replayed.json()["id"] == created.json()["id"]
    with django_db_blocker.unblock():
        assert IntakeSubmission.objects.filter(form__slug=slug).count() == 1


def test_the_rate_limit_is_shared(site_data):
    # The servers allow 4 submissions per client (INTAKE_RATE_LIMIT_REQUESTS in two-servers.sh);
    # the idempotency test above may have used one already.
    slug = site_data["form"].slug
    statuses = [submit(SERVERS[n % 2], slug).status_code for n in range(6)]
    assert 429 in statuses
    first_refusal = statuses.index(429)
    assert first_refusal <= 4
    assert set(statuses[first_refusal:]) == {429}  # refused on both servers alike
