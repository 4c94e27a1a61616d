from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.cloning.actions import CREATED_FROM_TEMPLATE, clone_condition
from cms.cloning.models import ConditionTemplate
from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory, approve


def test_choose_template_lists_templates(marketer_client, template):
    response = marketer_client.get(reverse("cloning:choose_template"))
    assert response.status_code == 200
    assert reverse("cloning:clone_condition", args=[template.pk]).encode() in response.content


def test_users_without_template_access_are_refused(client, template, site):
    user = get_user_model().objects.create_user("x", password="x")
    client.force_login(user)
    response = client.get(reverse("cloning:choose_template"))
    assert response.status_code == 302  # to the login page: no admin access at all


def test_a_user_without_template_permission_is_refused(client, template):
    reviewer = get_user_model().objects.create_user("reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    client.force_login(reviewer)
    url = reverse("cloning:clone_condition", args=[template.pk])
    response = client.get(url)
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_admin_flow_creates_a_draft_and_opens_it(
    marketer_client, marketer, template, condition_index
):
    url = reverse("cloning:clone_condition", args=[template.pk])
    form = marketer_client.get(url)
    assert form.status_code == 200
    assert b"Body area" in form.content

    response = marketer_client.post(
        url,
        {
            "parent": condition_index.pk,
            "value_condition": "Spinal Stenosis",
            "value_body_area": "neck",
        },
    )
    page = ConditionPage.objects.get(slug="spinal-stenosis")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.owner == marketer
    assert page.body[0].value["intro"] == "Spinal Stenosis (Spinal Stenosis) affects the neck."
    entry = PageLogEntry.objects.get(page=page, action=CREATED_FROM_TEMPLATE)
    assert entry.user == marketer
    history = marketer_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Created from the template “Spine condition”" in history.content.decode()


def test_admin_flow_shows_errors(marketer_client, template, condition_index, linked_page):
    url = reverse("cloning:clone_condition", args=[template.pk])
    response = marketer_client.post(
        url, {"parent": condition_index.pk, "value_condition": "Sciatica"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "value_body_area": ["This field is required."],
    }
    response = marketer_client.post(
        url, {"parent": condition_index.pk, "value_condition": "Sciatica", "value_body_area": "leg"}
    )
    assert response.status_code == 200
    assert "already used" in response.context["form"].errors["slug"][0]


def test_save_as_template_view(admin_client, condition_index):
    page = ConditionPageFactory(
        parent=condition_index, title="Sciatica", condition_name="Sciatica", body__0="hero"
    )
    url = reverse("cloning:save_as_template", args=[page.pk])
    assert b"Sciatica =&gt; condition" in admin_client.get(url).content
    response = admin_client.post(
        url, {"name": "Nerve condition", "replacements": "Sciatica => condition\nSC => short"}
    )
    template = ConditionTemplate.objects.get(name="Nerve condition")
    assert response.status_code == 302
    assert template.title == "{{ condition }}"
    bad = admin_client.post(url, {"name": "Other", "replacements": "no arrow"})
    assert "Line 1" in bad.context["form"].errors["replacements"][0]


def test_copy_section_view(admin_client, condition_index):
    source = ConditionPageFactory(parent=condition_index, body__0="faq")
    target = ConditionPageFactory(parent=condition_index, body__0="hero")
    url = reverse("cloning:copy_section", args=[source.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"section": source.body[0].id, "target": target.pk})
    assert response.status_code == 302
    draft = ConditionPage.objects.get(pk=target.pk).get_latest_revision_as_object()
    assert [b.block_type for b in draft.body] == ["hero", "faq"]


def test_page_header_offers_the_actions(admin_client, condition_index):
    page = ConditionPageFactory(parent=condition_index)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reverse("cloning:save_as_template", args=[page.pk]).encode() in response.content
    assert reverse("cloning:copy_section", args=[page.pk]).encode() in response.content


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "condition_name": page.condition_name,
        "also_known_as": page.also_known_as,
        "short_summary": page.short_summary,
        "body_area": page.body_area,
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
        **changes,
    }
    return nested_form_data(data)


def test_admin_publish_refused_with_a_placeholder_left(admin_client, condition_index):
    page = ConditionPageFactory(parent=condition_index, live=False)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(url, edit_form(page, short_summary="About {{ condition }}."))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert (
        "Not published. {{ condition }} is left in field “Short summary”. "
        "Replace it with real text first."
    ) in [str(m) for m in get_messages(response.wsgi_request)]
    assert page.get_latest_revision_as_object().short_summary == "About {{ condition }}."


def test_admin_publish_by_a_marketer_leaves_a_draft(marketer_client, condition_index):
    page = ConditionPageFactory(parent=condition_index, live=False)
    page.save_revision()
    approve(page)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    marketer_client.post(url, edit_form(page))
    page.refresh_from_db()
    assert not page.live


def test_template_clone_is_usable_in_the_editor(admin_client, template, condition_index):
    page = clone_condition(
        template, values={"condition": "Stenosis", "body_area": "neck"}, parent=condition_index
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


def test_snippet_listing(marketer_client, template):
    response = marketer_client.get(reverse("wagtailsnippets_cloning_conditiontemplate:list"))
    assert response.status_code == 200
    assert b"Spine condition" in response.content
    edit = reverse("wagtailsnippets_cloning_conditiontemplate:edit", args=[template.pk])
    assert marketer_client.get(edit).status_code == 200
