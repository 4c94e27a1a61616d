"""The "Medical review" workflow on every condition index; existing pages become never reviewed
(their typed review fields are gone: 0004)."""

from django.db import migrations

NAME = "Medical review"


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    MedicalReviewTask = apps.get_model("pages", "MedicalReviewTask")
    ConditionIndexPage = apps.get_model("pages", "ConditionIndexPage")

    content_type, _ = ContentType.objects.get_or_create(app_label="pages", model="medicalreviewtask")
    workflow, _ = Workflow.objects.get_or_create(name=NAME)
    task = MedicalReviewTask.objects.filter(name=NAME).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=NAME, content_type=content_type, active=True)
        group, _ = Group.objects.get_or_create(name="Medical reviewers")
        task.groups.set([group])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in ConditionIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_medical_review"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(create_review_workflow, migrations.RunPython.noop)]
