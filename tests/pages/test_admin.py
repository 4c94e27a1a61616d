"""Editing condition pages in the admin, block previews, and the admin-user command."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.blocks import section_registry
from tests.factories import SECTION_FACTORIES, ConditionPageFactory


def text_leaves(value):
    """Every plain-text string in a preview value (skipping rich text markup)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from text_leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from text_leaves(item)
    elif isinstance(value, str) and value and "<" not in value:
        yield value


def test_editor_can_open_a_condition_page_with_every_section(editor_client, condition_index):
    page = ConditionPageFactory(
        parent=condition_index, **{f"body__{i}": name for i, name in enumerate(SECTION_FACTORIES)}
    )
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    # The block picker's definitions travel as JSON in an HTML attribute.
    content = html.unescape(response.content.decode())
    for name in SECTION_FACTORIES:
        assert f'"{name}"' in content


def test_editor_can_add_a_condition_page_under_the_index(editor_client, condition_index):
    response = editor_client.get(f"/admin/pages/add/pages/conditionpage/{condition_index.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("name", [section.name for section in section_registry])
def test_every_section_has_a_block_preview(editor_client, name):
    block = section_registry.get(name).block
    assert block.is_previewable
    response = editor_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    content = html.unescape(response.content.decode()).lower()
    texts = list(text_leaves(block.meta.preview_value))
    assert texts, f"{name} has no text in its preview_value"
    for text in texts:
        if text.isidentifier() and text.islower():
            continue  # choice keys such as "lumbar" are shown by their labels
        assert text.lower() in content, f"{name}: {text!r} missing from the preview"


def test_block_preview_of_an_unknown_block_is_a_404(editor_client):
    response = editor_client.get("/admin/block-preview/", {"id": "blockdef-does-not-exist"})
    assert response.status_code == 404


def test_anonymous_users_cannot_see_block_previews(client):
    block = section_registry.get("hero").block
    response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    return tmp_path / "var"


@pytest.mark.django_db
def test_ensure_admin_uses_the_password_from_the_environment(monkeypatch, var_dir, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-chosen-secret")
    call_command("ensure_admin")
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password("a-chosen-secret")
    assert "a-chosen-secret" not in capsys.readouterr().out
    assert not var_dir.exists()


@pytest.mark.django_db
def test_ensure_admin_generates_a_password_once(monkeypatch, var_dir, capsys):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_admin")
    password = (var_dir / "admin-password").read_text().strip()
    assert len(password) >= 12
    assert password in capsys.readouterr().out
    assert (var_dir / "admin-password").stat().st_mode & 0o777 == 0o600
    assert get_user_model().objects.get(username="admin").check_password(password)

    call_command("ensure_admin")
    assert "exists" in capsys.readouterr().out
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert (var_dir / "admin-password").read_text().strip() == password
