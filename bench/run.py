"""``make bench``: the project against stock Wagtail 8, side by side, regenerating BENCHMARKS.md.

Both apps run on the same PostgreSQL server in separate databases (``$BENCH_DB_PREFIX_project``
and ``_baseline``, and ``_large`` for the project's 10,000-page site, dropped and rebuilt each
run). Each runs in its own worker process (``bench/worker.py``); the cases alternate between
them, a few requests at a time, so a change in the machine's load hits both sides alike. Then
both are served by gunicorn (one sync worker pinned to core 0, Redis as the cache, database
connections kept as the production settings keep them; the project also opening one per
request) and loaded with ``wrk`` pinned to core 1.
"""

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SIZES = [10, 50, 200]
#: Listings whose total is kept between page changes (cms/api/counts.py): measured both ways.
RECOUNTED = ("v3 listing", "routes")
# 50 timed requests per case and side: at 30, ratios near a target moved by ±0.1 between runs.
ROUNDS, PER_ROUND = 10, 5
# Runs of wrk per case under gunicorn, alternating: with 3, one slow run in two moved a median
# by half (other users' load on the shared cores).
GUNICORN_RUNS = 5
MEDIA = Path(tempfile.mkdtemp(prefix="bench-media-"))


def database_url(side):
    return f"{PG}/{PREFIX}_{side}"


def recreate_databases():
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        for side in ("project", "baseline", "large"):
            conn.execute(f'DROP DATABASE IF EXISTS "{PREFIX}_{side}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PREFIX}_{side}"')


def side_env(side, redis=False):
    env = {**os.environ, "DATABASE_URL": database_url(side), "MEDIA_ROOT": str(MEDIA / side)}
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = REDIS
    return env


class Worker:
    def __init__(self, side, env=None):
        self.side = side
        self.proc = subprocess.Popen(
            [PYTHON, str(ROOT / "bench" / "worker.py"), side],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=side_env(side) if env is None else env,
            cwd=ROOT,
        )

    def __call__(self, **command):
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"{self.side} worker died on {command}")
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def summary(timings):
    timings = sorted(timings)
    q = statistics.quantiles(timings, n=10)
    return {"median": statistics.median(timings), "p10": q[0], "p90": q[-1], "n": len(timings)}


def alternate(workers, cases):
    """``cases``: {name: (side, spec)}; every case gets ROUNDS x PER_ROUND timed requests."""
    results = {name: {"timings": []} for name in cases}
    for _ in range(ROUNDS):
        for name, (side, spec) in cases.items():
            answer = workers[side](cmd="measure", n=PER_ROUND, **spec)
            results[name]["timings"] += answer["timings"]
            results[name].update(queries=answer["queries"], bytes=answer["bytes"])
    for result in results.values():
        result.update(summary(result.pop("timings")))
    return results


def cases_intake(slug):
    """The intake POST's request: a fresh form token each time, as a patient's browser has."""
    from bench.intake_steps import ANSWERS

    return {
        "url": f"/api/v3/intake/forms/{slug}/submissions/",
        "method": "POST",
        "body": {"answers": ANSWERS},
        "form_token": slug,
    }


def cases_orm_insert(slug):
    """The intake's row saved by the ORM alone (``bench/project_views.py``), same answers."""
    return {
        "url": f"/bench/insert-submission/{slug}/",
        "method": "POST",
        "body": cases_intake(slug)["body"],
    }


def in_process(workers):
    project, baseline = workers["project"], workers["baseline"]
    p = project(cmd="setup", sizes=SIZES)
    b = baseline(cmd="setup", sizes=SIZES)
    pages = {int(k): v for k, v in p["pages"].items()}
    stock = {int(k): v for k, v in b["pages"].items()}
    cases = {}
    for size in SIZES:
        cases[f"stock v2 detail {size}"] = ("baseline", {"url": f"/api/v2/pages/{stock[size]}/"})
        cases[f"stock v3 detail {size}"] = ("baseline", {"url": f"/api/v3/pages/{stock[size]}/"})
        cases[f"v3 detail uncached {size}"] = (
            "project",
            {"url": f"/api/v3/pages/{pages[size]}/", "uncached": pages[size]},
        )
        cases[f"stock HTML {size}"] = (
            "baseline",
            {"url": f"/conditions/condition-s{size}/"},
        )
        cases[f"HTML uncached {size}"] = (
            "project",
            {"url": f"/conditions/condition-s{size}/", "uncached": pages[size]},
        )
    cases.update(
        {
            "v3 detail cached 200": ("project", {"url": f"/api/v3/pages/{pages[200]}/"}),
            "HTML cached 200": ("project", {"url": "/conditions/condition-s200/"}),
            "constant view": ("project", {"url": "/bench/constant/"}),
            "stock constant view": ("baseline", {"url": "/bench/constant/"}),
            "intake POST": ("project", cases_intake(p["intake"])),
            "bare insert view": (
                "project",
                {"url": "/bench/insert/", "method": "POST", "body": {"name": "Bench"}},
            ),
            "ORM insert view": ("project", cases_orm_insert(p["intake"])),
        }
    )
    results = alternate(workers, cases)
    listings = {
        "v2 listing": "/api/v2/pages/?type=pages.ConditionPage&fields=*&limit=10",
        "v3 listing": "/api/v3/pages/?type=pages.ConditionPage&limit=10",
        "routes": "/api/v3/routes/?limit=10",
    }
    # The two sizes are two sites, each in its own database and worker process (the project's
    # at 100 pages, "large" at 10,000), measured alternately like every other case: measured one
    # after the other, a change of load between the two phases moved the ratios by 0.3.
    project(cmd="grow", total=100)
    large = workers["large"]
    big = large(cmd="setup", sizes=SIZES)  # the same first pages as the project's site
    started = time.perf_counter()
    large(cmd="grow", total=10_000)
    grown = time.perf_counter() - started
    sites = {100: ("project", p["index"]), 10_000: ("large", big["index"])}
    cases = {}
    for name, url in listings.items():
        for total, (side, index) in sites.items():
            cases[name, total] = (side, {"url": url, "uncached": index})
    for name in RECOUNTED:
        for total, (side, index) in sites.items():
            # As right after a page is published: the kept total is stale too.
            spec = {"url": listings[name], "uncached": index, "rows_changed": True}
            cases[f"{name}, recounted", total] = (side, spec)
    measured = alternate(workers, cases)
    by_size = {
        total: {name: result for (name, size), result in measured.items() if size == total}
        for total in sites
    }
    by_size[10_000]["_grow_seconds"] = grown
    profiles = {
        "uncached v3 detail, 200 sections (5 requests)": project(
            cmd="profile", url=f"/api/v3/pages/{pages[200]}/", uncached=pages[200]
        )["text"],
        "uncached HTML, 200 sections (5 requests)": project(
            cmd="profile", url="/conditions/condition-s200/", uncached=pages[200]
        )["text"],
        "intake POST (40 requests)": project(cmd="profile", n=40, **cases_intake(p["intake"]))[
            "text"
        ],
    }
    # What a recounted listing adds at 10,000 pages: its total.
    for name in RECOUNTED:
        spec = {"url": listings[name], "uncached": big["index"], "rows_changed": True}
        queries = large(cmd="explain", **spec)["queries"]
        counted = next((q for q in queries if q["plan"] and "COUNT(" in q["sql"]), None)
        if counted:
            plan = f"{counted['sql']}\n\n{counted['plan']}"
            profiles[f"{name}, recounted, 10,000 pages: the total (EXPLAIN ANALYZE)"] = plan
    # The intake POST taken apart step by step (bench/intake_steps.py).
    steps = project(cmd="intake_steps", slug=p["intake"])
    return results, by_size, profiles, steps, pages, stock, p["intake"]


def wait_for(port, server):
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn on {port} exited with {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/constant/", timeout=1)
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on {port} did not start")


def wrk(url, seconds=3, body=None):
    """Requests/second for ``url``: a GET, or with ``body`` (a dict) a JSON POST."""
    script = []
    if body is not None:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(
                'wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = {json.dumps(json.dumps(body))}\n"
            )
        script = ["-s", lua.name]
    try:
        out = subprocess.run(
            ["taskset", "-c", "1", "wrk", "-t1", "-c4", f"-d{seconds}s", *script, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        if script:
            os.unlink(script[1])
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise SystemExit(out)


def clear_redis():
    import redis

    client = redis.Redis.from_url(REDIS)
    for prefix in (os.environ.get("BENCH_REDIS_PREFIX", "i15"), "base"):
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def free_port():
    """A port nobody listens on: fixed ports would let two benches on one machine measure each
    other's servers (a second gunicorn fails to bind, and ``wait_for`` finds the first)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def under_gunicorn(pages, stock, intake):
    clear_redis()
    servers = {}
    # "opening": the project again, opening a database connection for every request (as
    # DATABASE_CONN_MAX_AGE=0 does) instead of keeping one as the production settings do.
    ports = {"project": free_port(), "baseline": free_port(), "opening": free_port()}
    modules = {
        "project": "bench.project_settings",
        "baseline": "bench.baseline.settings",
        "opening": "bench.project_settings",
    }
    for side, port in ports.items():
        env = {
            **side_env("project" if side == "opening" else side, redis=True),
            "DATABASE_CONN_MAX_AGE": "0" if side == "opening" else "60",
            "DJANGO_SETTINGS_MODULE": modules[side],
            # gunicorn.conf.py recycles a worker every ~1,000 requests; with one worker the
            # restart (seconds on this machine) stalled whole wrk runs (0 requests/s) and left
            # a new process's kept site configuration and response copies empty. Steady state
            # is what is measured, with the access log off on both sides.
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_ACCESS_LOG": "/dev/null",
        }
        servers[side] = subprocess.Popen(
            ["taskset", "-c", "0", PYTHON, "-m", "gunicorn", "cms.wsgi:application",
             "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env,
            cwd=ROOT,
        )
    try:
        for side, port in ports.items():
            wait_for(port, servers[side])
        ours = f"http://127.0.0.1:{ports['project']}"
        theirs = f"http://127.0.0.1:{ports['baseline']}"
        cases = {
            "constant view": f"{ours}/bench/constant/",
            "v3 detail cached 200": f"{ours}/api/v3/pages/{pages[200]}/",
            "routes": f"{ours}/api/v3/routes/?limit=50",
            "HTML cached 200": f"{ours}/conditions/condition-s200/",
            "stock constant view": f"{theirs}/bench/constant/",
            "stock v2 detail 200": f"{theirs}/api/v2/pages/{stock[200]}/",
        }
        for url in cases.values():  # warm: stored responses, site root paths
            urllib.request.urlopen(url, timeout=30).read()
        # POSTs, as a patient's browser sends them: the token is fetched from the server (one
        # is valid for many submissions; the bench settings lift the rate limit and fill time).
        forms = f"{ours}/api/v3/intake/forms/{intake}"
        with urllib.request.urlopen(f"{forms}/token", timeout=30) as response:
            token = json.load(response)["form_token"]
        posts = {
            "intake POST": (
                f"{forms}/submissions/",
                {**cases_intake(intake)["body"], "form_token": token},
            ),
            "bare insert view": (f"{ours}/bench/insert/", {"name": "Bench"}),
            "ORM insert view": (
                f"{ours}/bench/insert-submission/{intake}/", cases_intake(intake)["body"]
            ),
        }
        opening = f"http://127.0.0.1:{ports['opening']}"
        for name, (url, body) in list(posts.items()):
            posts[f"{name}, a connection per request"] = (url.replace(ours, opening), body)
        runs = {name: [] for name in [*cases, *posts]}
        for _ in range(GUNICORN_RUNS):
            for name, url in cases.items():
                runs[name].append(wrk(url))
            for name, (url, body) in posts.items():
                runs[name].append(wrk(url, body=body))
        return {name: statistics.median(v) for name, v in runs.items()}
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)


def machine():
    import django
    import wagtail

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = os.getloadavg()
    return (
        f"{cpu}, {os.cpu_count()} cores (shared with other users: load average "
        f"{load[0]:.1f} at the end of the run); Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, PostgreSQL at {PG}, "
        f"Redis at {REDIS}"
    )


def main():
    started = time.perf_counter()
    recreate_databases()
    workers = {side: Worker(side) for side in ("project", "baseline")}
    # The project again on a database of its own, for the 10,000-page listings.
    large_env = {**side_env("project"), "DATABASE_URL": database_url("large"),
                 "MEDIA_ROOT": str(MEDIA / "large")}
    workers["large"] = Worker("project", env=large_env)
    try:
        results, listings, profiles, steps, pages, stock, intake = in_process(workers)
    finally:
        for worker in workers.values():
            worker.close()
    served = under_gunicorn(pages, stock, intake) if shutil.which("wrk") else None
    from bench.report import write

    write(ROOT / "BENCHMARKS.md", results, listings, profiles, steps, served, machine(),
          time.perf_counter() - started)
    shutil.rmtree(MEDIA, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
