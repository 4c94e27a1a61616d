"""Every admin view an editor uses, for every demo page, as the admin's own pages call them."""

import itertools
from urllib.parse import parse_qs, urlsplit

from django.test import override_settings

from tests.form_data import edit_form_data

FRONT_END = "http://front-end.example/preview"


@override_settings(WAGTAIL_HEADLESS_PREVIEW_URL=FRONT_END)
def test_every_demo_page_previews_its_edit_form_in_every_mode(demo_editor_client, demo_pages):
    for page in demo_pages:
        url = f"/admin/pages/{page.pk}/edit/preview/"
        data = edit_form_data(demo_editor_client, page)
        if hasattr(page, "related_conditions"):
            related = [str(pk) for pk in page.related_conditions.values_list("pk", flat=True)]
            assert related and sorted(data["related_conditions"]) == sorted(related), page

        posted = demo_editor_client.post(url, data)
        assert posted.status_code == 200, page
        assert posted.json() == {"is_valid": True, "is_available": True}, page
        for mode, _label in page.preview_modes:
            response = demo_editor_client.get(url, {"mode": mode})
            if mode == "headless":
                # The front-end renders this mode: it reads the draft back from the API.
                assert response.status_code == 302, page
                token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
                draft = demo_editor_client.get("/api/v3/preview/", {"token": token})
                assert draft.status_code == 200, (page, draft.content)
            else:
                assert response.status_code == 200, (page, mode)


VIEWS = ["edit/", "edit/preview/", "history/", "workflow_history/", "revisions/compare/"]


def test_every_admin_view_of_every_demo_page_opens(demo_editor_client, demo_pages):
    for page, view in itertools.product(demo_pages, VIEWS):
        url = f"/admin/pages/{page.pk}/{view}"
        if view == "revisions/compare/":
            revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
            url += f"{revisions[0]}...{revisions[-1]}/" if len(revisions) > 1 else "live...latest/"
        response = demo_editor_client.get(url)
        assert response.status_code == 200, (page, url, response.status_code)
