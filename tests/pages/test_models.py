
import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.pages.models import ConditionIndexPage, ConditionPage, HomePage
from tests.factories import (
    SECTION_FACTORIES,
    CauseBlockFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    HomePageFactory,
    publish_approved,
)


class TestPageCreationRules(WagtailPageTestCase):
    def test_condition_pages_live_only_under_a_condition_index(self):
        self.assertCanCreateAt(ConditionIndexPage, ConditionPage)
        self.assertCanNotCreateAt(HomePage, ConditionPage)
        self.assertCanNotCreateAt(Page, ConditionPage)
        self.assertCanNotCreateAt(ConditionPage, ConditionPage)
        self.assertAllowedParentPageTypes(ConditionPage, {ConditionIndexPage})
        self.assertAllowedSubpageTypes(ConditionPage, set())

    def test_condition_indexes_live_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ConditionIndexPage)
        self.assertCanNotCreateAt(Page, ConditionIndexPage)
        self.assertAllowedSubpageTypes(ConditionIndexPage, {ConditionPage})

    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ConditionIndexPage})

    def test_there_is_one_home_page(self):
        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()
        assert HomePage.can_create_at(root)
        HomePageFactory(parent=root)
        assert not HomePage.can_create_at(root)


@pytest.fixture
def sciatica(condition_index):
    return ConditionPageFactory(
        parent=condition_index,
        title="Sciatica",
        slug="sciatica",
        also_known_as="Lumbar radiculopathy\n\n  Nerve root pain  \n",
        body__0="hero",
        body__1="cause_list",
        body__1__cause_list__causes=[
            CauseBlockFactory(title="Piriformis", description="Zygapophyseal irritation.")
        ],
    )


def test_alternate_names_are_one_per_line(sciatica):
    assert sciatica.alternate_names == ["Lumbar radiculopathy", "Nerve root pain"]


@pytest.mark.usefixtures("condition_index")
class TestConditionPageRendering(WagtailPageTestCase):
    def test_is_renderable_with_every_section(self):
        page = ConditionPageFactory(
            parent=ConditionIndexPage.objects.get(),
            **{f"body__{i}": name for i, name in enumerate(SECTION_FACTORIES)},
        )
        self.assertPageIsRenderable(page)


def test_condition_page_without_hero_gets_its_own_h1(client, condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Stenosis", body__0="faq")
    html = client.get(page.url).content.decode()
    assert html.count("<h1") == 1
    assert "<h1>Stenosis</h1>" in html


def test_body_text_is_searchable(sciatica, condition_index):
    ConditionPageFactory(parent=condition_index, title="Other", body__0="hero")
    # "Zygapophyseal" appears only inside a cause in Sciatica's body.
    results = list(ConditionPage.objects.live().search("zygapophyseal"))
    assert [p.pk for p in results] == [sciatica.pk]


def test_search_finds_alternate_names(sciatica):
    assert sciatica.pk in {p.pk for p in ConditionPage.objects.search("radiculopathy")}


def test_related_conditions_are_one_way_live_and_sorted(client, sciatica, condition_index):
    stenosis = ConditionPageFactory(parent=condition_index, title="Spinal stenosis")
    disc = ConditionPageFactory(parent=condition_index, title="Herniated disc")
    draft = ConditionPageFactory(parent=condition_index, title="Draft condition", live=False)
    sciatica.related_conditions.set([stenosis, disc, draft])
    publish_approved(sciatica)

    sciatica = ConditionPage.objects.get(pk=sciatica.pk)
    assert [p.title for p in sciatica.live_related_conditions()] == [
        "Herniated disc",
        "Spinal stenosis",
    ]
    assert not ConditionPage.objects.get(pk=stenosis.pk).related_conditions.exists()

    html = client.get(sciatica.url).content.decode()
    assert '<h2 id="related-heading">Related conditions</h2>' in html
    assert f'<a href="{stenosis.url}">Spinal stenosis</a>' in html
    assert "Draft condition" not in html


def test_related_conditions_are_kept_in_revisions(sciatica, condition_index):
    disc = ConditionPageFactory(parent=condition_index, title="Herniated disc")
    sciatica.related_conditions.set([disc])
    revision = sciatica.save_revision()
    assert list(revision.as_object().related_conditions.all()) == [disc]


def test_index_lists_its_live_conditions(client, condition_index):
    ConditionPageFactory(parent=condition_index, title="Sciatica", short_summary="Leg pain.")
    ConditionPageFactory(parent=condition_index, title="Hidden", live=False)
    elsewhere = ConditionIndexPageFactory(parent=condition_index.get_parent(), slug="other")
    ConditionPageFactory(parent=elsewhere, title="Elsewhere")

    html = client.get(condition_index.url).content.decode()
    assert "<p>Leg pain.</p>" in html
    assert "Hidden" not in html
    assert "Elsewhere" not in html
