"""The routes endpoint: every live, public page's path, for static site generators."""

from wagtail.models import PageViewRestriction

from tests.factories import ConditionPageFactory


def test_lists_live_public_pages_with_paths_and_times(client, condition_index):
    live = ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")
    live.save_revision().publish()
    live.refresh_from_db()
    ConditionPageFactory(parent=condition_index, slug="draft", live=False)
    private = ConditionPageFactory(parent=condition_index, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    data = client.get("/api/v3/routes/").json()

    assert [item["path"] for item in data["items"]] == [
        "/",
        "/conditions/",
        "/conditions/sciatica/",
    ]
    assert data["count"] == 3
    item = data["items"][-1]
    assert item["id"] == live.pk
    assert item["type"] == "pages.ConditionPage"
    assert item["last_modified"].startswith(str(live.last_published_at.date()))


def test_query_count_does_not_grow_with_pages(
    client, condition_index, django_assert_max_num_queries
):
    for _ in range(30):
        ConditionPageFactory(parent=condition_index)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v3/routes/").json()["count"] == 32
