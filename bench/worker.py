"""One side of ``make bench`` (the project or the stock baseline), driven by ``bench/run.py``.

Reads one JSON command per line on stdin and answers one JSON line on stdout. Requests go
through Django's test client (the whole middleware and URL stack, no network): timings are the
in-process cost of a request.
"""

import io
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIDE = sys.argv[1]  # "project" or "baseline"
# Answers go to the real stdout; anything else printing there (a log handler writing to
# stdout, say) goes to stderr instead of breaking the one-line-per-answer protocol.
ANSWERS, sys.stdout = sys.stdout, sys.stderr
os.environ["DJANGO_SETTINGS_MODULE"] = (
    "bench.project_settings" if SIDE == "project" else "bench.baseline.settings"
)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from bench.content import fbss_body  # noqa: E402

setup_test_environment()
client = Client()
state = {}


def image(n):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (70, 130, 180)).save(buffer, "PNG")
    return Image.objects.create(title=f"Image {n}", file=ImageFile(buffer, name=f"bench{n}.png"))


def page_models():
    if SIDE == "project":
        from cms.pages.models import ConditionIndexPage, ConditionPage, HomePage

        return HomePage, ConditionIndexPage, ConditionPage
    from bench.baseline.models import StockConditionPage

    return Page, Page, StockConditionPage


def condition(model, n, body=()):
    fields = {"title": f"Condition {n}", "slug": f"condition-{n}"}
    if SIDE == "project":
        fields.update(condition_name=f"Condition {n}", short_summary="A short summary.")
    return model(**fields, body=list(body))


def setup(sizes):
    if SIDE == "project":
        call_command("migrate", verbosity=0)
    else:
        call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_row (id serial PRIMARY KEY, body text)")
    home_model, index_model, page_model = page_models()
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=home_model(title="Home", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    index = home.add_child(instance=index_model(title="Conditions", slug="conditions"))
    images = [image(n).pk for n in range(3)]
    targets = [index.add_child(instance=condition(page_model, f"t{n}")).pk for n in range(3)]
    pages = {}
    for size in sizes:
        page = index.add_child(instance=condition(page_model, f"s{size}"))
        page.body = fbss_body(size, images, targets)
        publish(page)
        pages[size] = page.pk
    state.update(index=index.pk, page_model=page_model, pages=pages)
    answer = {"pages": pages, "index": index.pk}
    if SIDE == "project":
        answer["intake"] = intake_form()
    analyse()
    for pk in pages.values():  # renditions exist before anything is timed
        client.get(f"/api/v2/pages/{pk}/")
        client.get(Page.objects.get(pk=pk).url)
    return answer


def publish(page):
    """Publish ``page`` as it is; a project condition page with a medical approval first, as
    its clinical content is never published unreviewed."""
    if SIDE == "project":
        from tests.factories import publish_approved

        publish_approved(page)
    else:
        page.save_revision().publish()


def intake_form():
    from cms.intake.models import IntakeForm, IntakeFormField

    form = IntakeForm.objects.create(
        title="Bench", slug="bench", consent_text="I agree.", consent_version="1"
    )
    IntakeFormField.objects.create(form=form, label="Name", field_type="singleline", sort_order=0)
    IntakeFormField.objects.create(form=form, label="I agree", field_type="consent", sort_order=1)
    return form.slug


def grow(total):
    """Insert condition pages under the index in bulk (computed tree paths, no publish)."""
    _home, _index, model = page_models()
    index = Page.objects.get(pk=state["index"])
    have = index.get_children().count()
    if total <= have:
        return {"children": have}
    locale = Locale.get_default()
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    last = index.get_children().order_by("-path").first()
    start = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    base_rows, child_rows = [], []
    with transaction.atomic():
        for offset in range(total - have):
            n = start + offset
            slug = f"bulk-{n}"
            base_rows.append(
                Page(
                    title=f"Bulk {n}",
                    draft_title=f"Bulk {n}",
                    slug=slug,
                    path=index.path + Page._int2str(n).rjust(Page.steplen, "0"),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
        created = Page.objects.bulk_create(base_rows, batch_size=1000)
        columns = [f for f in model._meta.local_concrete_fields if f.name != "page_ptr"]
        defaults = {"body": "[]", "condition_name": "Bulk", "short_summary": "A short summary."}
        for page in created:
            values = [page.pk]
            for field in columns:
                value = defaults.get(field.name, field.get_default())
                if field.name != "body":
                    value = field.get_db_prep_save(value, connection)
                values.append(value)
            child_rows.append(values)
        names = ", ".join(['"page_ptr_id"', *[f'"{f.column}"' for f in columns]])
        marks = ", ".join(["%s"] * (len(columns) + 1))
        with connection.cursor() as cursor:
            cursor.executemany(
                f'INSERT INTO "{model._meta.db_table}" ({names}) VALUES ({marks})', child_rows
            )
        Page.objects.filter(pk=index.pk).update(numchild=total)
    analyse()
    cache.clear()
    return {"children": total}


def analyse():
    """Refresh the planner's statistics and visibility map, as autovacuum would shortly after a
    bulk load: measured straight after one, PostgreSQL plans 10,000 rows as if there were one
    (nested loops, heap fetches for every row)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def request(spec):
    method = spec.get("method", "GET")
    headers = spec.get("headers", {})
    if method == "POST":
        body = spec["body"]
        if spec.get("form_token"):
            body = {**body, "form_token": spec["_token"]}
        body = json.dumps(body)
        return client.post(spec["url"], body, content_type="application/json", **headers)
    return client.get(spec["url"], **headers)


def before(spec):
    if spec.get("form_token"):  # a fresh token per POST, issued outside the timed request
        from cms.intake.protection import issue_form_token

        spec["_token"] = issue_form_token(spec["form_token"])
    if spec.get("uncached") and SIDE == "project":
        from cms.api.cache import invalidate

        invalidate([spec["uncached"]])
        if spec.get("rows_changed"):  # as any write to a page row does: totals are recounted
            from cms.api.counts import rows_changed

            rows_changed()


def measure(spec):
    before(spec)
    response = request(spec)  # warm-up, untimed
    timings = []
    for _ in range(spec["n"]):
        before(spec)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = request(spec)
            timings.append((time.perf_counter() - start) * 1000)
    if response.status_code not in (200, 201, 304):
        raise SystemExit(f"{spec['url']}: {response.status_code} {response.content[:300]!r}")
    return {
        "timings": timings,
        "queries": len(queries.captured_queries),
        "status": response.status_code,
        "bytes": len(response.content),
        "median": statistics.median(timings),
    }


def profile(spec):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    before(spec)
    request(spec)
    with profiler:
        for _ in range(spec.get("n", 5)):
            before(spec)
            request(spec)
    return {"text": profiler.output_text(unicode=False, color=False, show_all=False)[:6000]}


def explain(spec):
    """One request's queries, each with PostgreSQL's plan as run (``EXPLAIN ANALYZE``)."""
    before(spec)
    request(spec)
    before(spec)
    with CaptureQueriesContext(connection) as queries:
        request(spec)
    out = []
    for query in queries.captured_queries:
        plan = None
        if connection.vendor == "postgresql" and query["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
        out.append({"sql": query["sql"], "time": query["time"], "plan": plan})
    return {"queries": out}


def intake_steps(command):
    from bench.intake_steps import time_steps

    return time_steps(client, command["slug"], command.get("rounds", 8), command.get("batch", 25))


COMMANDS = {"setup": lambda c: setup(c["sizes"]), "grow": lambda c: grow(c["total"]),
            "measure": measure, "profile": profile, "explain": explain,
            "intake_steps": intake_steps}

for line in sys.stdin:
    command = json.loads(line)
    result = COMMANDS[command["cmd"]](command)
    ANSWERS.write(json.dumps(result) + "\n")
    ANSWERS.flush()
