"""Intake managers and editors as cms/pages/roles.py defines them."""

from django.db import migrations


def apply_roles(apps, schema_editor):
    from cms.pages.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_intake_groups"), ("pages", "0002_roles")]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
