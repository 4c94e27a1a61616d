from tests.factories import ConditionPageFactory, ImageFactory


def test_condition_page_with_every_section_renders(client, condition_index):
    page = ConditionPageFactory(
        parent=condition_index,
        title="Sciatica",
        body__0="hero",
        body__1="condition_basics",
        body__2="symptom_list",
        body__3="cause_list",
        body__4="treatment_tiers",
        body__5="call_to_action",
        body__6="rich_text",
        body__7="faq",
        body__0__hero__image__image=ImageFactory(),
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
