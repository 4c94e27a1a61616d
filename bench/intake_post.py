"""The ``make bench`` "intake POST" case on its own, against the "bare insert view".

    .venv/bin/python bench/intake_post.py                      # SQLite in /tmp
    .venv/bin/python bench/intake_post.py --pg                 # a throwaway PostgreSQL database
    .venv/bin/python bench/intake_post.py --pg --sql           # also print the POST's queries
    .venv/bin/python bench/intake_post.py --pg --steps         # where the POST's time goes
    .venv/bin/python bench/intake_post.py --pg --snapshot      # what the row's snapshot costs
    .venv/bin/python bench/intake_post.py --pg --profile 200   # cProfile 200 POSTs (SORT=tottime,
                                                               # PROFILE_OUT=file keeps the stats)

Same settings (``bench.project_settings``), form and body as ``bench/worker.py``; both cases
go through Django's test client and are measured alternately (rounds of ``--batch`` requests),
so a change of load on the machine hits both sides alike.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser()
parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
parser.add_argument(
    "--pg-url", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
)
parser.add_argument(
    "--db", default=os.environ.get("BENCH_INTAKE_DB", "perf_intake_post"), help="--pg database name"
)
parser.add_argument("--redis", metavar="URL", help="cache in Redis (as production) at URL")
parser.add_argument("--rounds", type=int, default=8)
parser.add_argument("--batch", type=int, default=25)
parser.add_argument("--sql", action="store_true", help="print the intake POST's queries")
parser.add_argument("--profile", type=int, default=0, help="cProfile this many intake POSTs")
parser.add_argument("--steps", action="store_true", help="where the POST's time goes")
parser.add_argument(
    "--snapshot", action="store_true", help="the same INSERT with and without the form snapshot"
)
args = parser.parse_args()

if args.pg:
    import psycopg

    NAME = args.db
    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        admin.execute(f'CREATE DATABASE "{NAME}"')
    os.environ["DATABASE_URL"] = f"{args.pg_url}/{NAME}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='intake-post-')}/db.sqlite3"
if args.redis:
    os.environ["REDIS_URL"] = args.redis
else:
    os.environ.pop("REDIS_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.project_settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
with connection.cursor() as cursor:
    serial = "serial" if connection.vendor == "postgresql" else "integer"
    cursor.execute(f"CREATE TABLE IF NOT EXISTS bench_row (id {serial} PRIMARY KEY, body text)")

from bench.intake_steps import ANSWERS  # noqa: E402
from cms.intake.models import IntakeForm, IntakeFormField  # noqa: E402
from cms.intake.protection import issue_form_token  # noqa: E402

form = IntakeForm.objects.create(
    title="Bench", slug="bench", consent_text="I agree.", consent_version="1"
)
IntakeFormField.objects.create(form=form, label="Name", field_type="singleline", sort_order=0)
IntakeFormField.objects.create(form=form, label="I agree", field_type="consent", sort_order=1)
client = Client()


def intake_post():
    body = {"answers": ANSWERS, "form_token": issue_form_token("bench")}
    return client.post(
        "/api/v3/intake/forms/bench/submissions/", json.dumps(body), content_type="application/json"
    )


def bare_insert():
    return client.post(
        "/bench/insert/", json.dumps({"name": "Bench"}), content_type="application/json"
    )


def timed(request, n):
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = request()
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 201, response.content[:300]
    return out


for request in (intake_post, bare_insert):
    timed(request, 5)  # warm-up
with CaptureQueriesContext(connection) as queries:
    intake_post()
intake_queries = list(queries.captured_queries)
with CaptureQueriesContext(connection) as queries:
    bare_insert()
bare_queries = len(queries.captured_queries)

if args.profile:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    timed(intake_post, args.profile)
    profiler.disable()
    if os.environ.get("PROFILE_OUT"):
        profiler.dump_stats(os.environ["PROFILE_OUT"])
    pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(45)


if args.steps:
    from bench.intake_steps import time_steps

    print(f"{connection.vendor}, {args.rounds} rounds x {args.batch} calls per step, alternating")
    for name, median in time_steps(client, "bench", args.rounds, args.batch).items():
        print(f"{name:60s} {median:6.3f} ms")


def snapshot_cost():
    """The submission's INSERT with the form's snapshot and with an empty one, alternating: what
    storing the snapshot once per form version (instead of in every row) could save."""
    from django.utils import timezone

    from cms.intake.definitions import submittable_form
    from cms.intake.models import IntakeSubmission

    prepared = submittable_form("bench")

    def insert(snapshot):
        IntakeSubmission.objects.create(
            form=prepared,
            form_version=prepared.version,
            form_snapshot=snapshot,
            answers=ANSWERS,
            consent_given_at=timezone.now(),
            consent_version="1",
        )

    sides = {"with the snapshot": prepared.schema(), "with an empty snapshot": {}}
    spent = {name: [] for name in sides}
    for _ in range(args.rounds):
        for name, snapshot in sides.items():
            for _ in range(args.batch):
                start = time.perf_counter()
                insert(snapshot)
                spent[name].append((time.perf_counter() - start) * 1000)
    size = len(json.dumps(prepared.schema()))
    print(f"INSERT of a submission, snapshot of {size} bytes as JSON:")
    for name, values in spent.items():
        print(f"  {name:24s} {statistics.median(values):.3f} ms")


if args.snapshot:
    snapshot_cost()

times = {"intake POST": [], "bare insert view": []}
for _ in range(args.rounds):
    times["intake POST"] += timed(intake_post, args.batch)
    times["bare insert view"] += timed(bare_insert, args.batch)


def summary(values):
    values = sorted(values)
    p10, p90 = values[len(values) // 10], values[(len(values) * 9) // 10]
    return f"{statistics.median(values):.2f} ms ({p10:.2f}-{p90:.2f})"


print(f"{connection.vendor}, {args.rounds} rounds x {args.batch} requests each side, alternating")
print(f"intake POST:      {summary(times['intake POST'])}, {len(intake_queries)} queries")
print(f"bare insert view: {summary(times['bare insert view'])}, {bare_queries} queries")
ratio = statistics.median(times["intake POST"]) / statistics.median(times["bare insert view"])
print(f"ratio: {ratio:.2f}x")
if args.sql:
    for query in intake_queries:
        print("  ", query["sql"][:220])
if args.pg:
    from cms.ops.backends import BackgroundThreadBackend

    if BackgroundThreadBackend._queue is not None:
        BackgroundThreadBackend._drain()  # queued notifications still use the database
    connection.close()
    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
