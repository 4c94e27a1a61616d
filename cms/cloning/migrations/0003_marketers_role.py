"""Marketers as cms/pages/roles.py defines them: they no longer publish."""

from django.db import migrations


def apply_roles(apps, schema_editor):
    from cms.pages.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("cloning", "0002_marketers_group"), ("pages", "0002_roles")]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
