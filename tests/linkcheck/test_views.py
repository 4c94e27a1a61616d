"""The Broken reference links report: who sees it, what it lists, its exports."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.linkcheck.models import ReferenceLink
from cms.pages.roles import EDITORS, INTAKE_MANAGERS, MARKETERS, MEDICAL_REVIEWERS

REPORT = "linkcheck_report"


def checked(url, pages, status_code=None, error=""):
    link = ReferenceLink.objects.create(
        url=url, status_code=status_code, error=error, checked_at=timezone.now()
    )
    link.pages.set(pages)
    return link


@pytest.fixture
def links(page_citing):
    page = page_citing("https://example.org/gone", title="Sciatica")
    return {
        "gone": checked("https://example.org/gone", [page], status_code=404),
        "down": checked("https://down.example.org/a", [page], error="connection refused"),
        "fine": checked("https://example.org/fine", [page], status_code=200),
        "unchecked": ReferenceLink.objects.create(url="https://example.org/new"),
        "page": page,
    }


def test_lists_broken_links_with_their_outcome_and_citing_pages(editor_client, links):
    response = editor_client.get(reverse(REPORT))

    assert response.status_code == 200
    html = response.content.decode()
    assert "https://example.org/gone" in html and "404" in html
    assert "https://down.example.org/a" in html and "connection refused" in html
    assert "https://example.org/fine" not in html
    assert "https://example.org/new" not in html
    assert reverse("wagtailadmin_pages:edit", args=[links["page"].pk]) in html
    assert "Sciatica" in html


def test_says_so_when_nothing_is_broken(editor_client, site):
    response = editor_client.get(reverse(REPORT))

    assert response.status_code == 200
    assert "No broken reference links." in response.content.decode()


@pytest.mark.parametrize("role", [EDITORS, MEDICAL_REVIEWERS, MARKETERS])
def test_people_who_write_pages_see_it(member_client, links, role):
    client = member_client(role)

    assert client.get(reverse(REPORT)).status_code == 200
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_people_who_do_not_write_pages_do_not(member_client, links):
    client = member_client(INTAKE_MANAGERS)

    assert client.get(reverse(REPORT)).status_code in (302, 403)
    assert client.get(reverse("linkcheck_report_results")).status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse(REPORT) not in home.content.decode()


def test_exports_csv(editor_client, links):
    response = editor_client.get(reverse(REPORT), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "broken-reference-links-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Link", "HTTP status", "Error", "Last checked", "Cited by"]
    by_url = {row[0]: row for row in rows[1:]}
    assert set(by_url) == {"https://example.org/gone", "https://down.example.org/a"}
    assert by_url["https://example.org/gone"][1:3] == ["404", ""]
    assert by_url["https://down.example.org/a"][1:3] == ["", "connection refused"]
    assert by_url["https://example.org/gone"][4] == f"page {links['page'].pk}: Sciatica"


def test_exports_xlsx(editor_client, links):
    response = editor_client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Link", "HTTP status", "Error", "Last checked", "Cited by")
    assert {row[0] for row in rows[1:]} == {"https://example.org/gone", "https://down.example.org/a"}


def test_queries_do_not_grow_with_the_rows(editor_client, page_citing):
    pages = [page_citing(title=f"Condition {i}") for i in range(3)]

    def queries_for_report():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse(REPORT)).status_code == 200
        return len(queries)

    checked("https://example.org/1", pages[:1], status_code=404)
    few = queries_for_report()
    for i in range(2, 6):
        checked(f"https://example.org/{i}", pages, status_code=500)
    assert queries_for_report() == few
