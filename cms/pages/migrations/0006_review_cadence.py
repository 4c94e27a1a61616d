"""Review cadence: overdue notices, and the "See the medical review status" capability
(cms/pages/roles.py) for Editors and Medical reviewers."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def grant_review_status(apps, schema_editor):
    from cms.pages.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0005_medical_review_workflow'),
    ]

    operations = [
        migrations.CreateModel(
            name='OverdueNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('next_review_due', models.DateField()),
                ('notified_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('approval', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='overdue_notice', to='pages.medicalapproval')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='overdue_notices', to='pages.conditionpage')),
            ],
            options={
                'ordering': ['-notified_at'],
            },
        ),
        migrations.RunPython(grant_review_status, migrations.RunPython.noop),
    ]
