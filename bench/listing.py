"""The ``make bench`` listing cases on their own: 100 against 10,000 condition pages.

    .venv/bin/python bench/listing.py                    # v3 listing and routes, limit 10
    .venv/bin/python bench/listing.py --case v2 --limit 50
    .venv/bin/python bench/listing.py --sql              # also print each request's queries
    .venv/bin/python bench/listing.py --explain          # ... with EXPLAIN ANALYZE at 10,000
    .venv/bin/python bench/listing.py --recount          # every total counted afresh

Two ``bench/worker.py`` project workers, each on its own throwaway PostgreSQL database
(``perf_listing_<pid>_100`` and ``_10000``, dropped at the end), build the same tree as
``make bench`` (its set-up, then its bulk builder up to the wanted number of condition pages,
then ``VACUUM ANALYZE``). Requests alternate between the two sizes, rounds of ``--batch``, so a
change of load on the machine hits both alike; each request first makes the listings stale, as
a publish does.
"""

import argparse
import os
import shutil
import statistics
import tempfile

import run

SIZES = (100, 10_000)
LISTINGS = {
    "v2": "/api/v2/pages/?type=pages.ConditionPage&fields=*&limit={limit}",
    "v3": "/api/v3/pages/?type=pages.ConditionPage&limit={limit}",
    "routes": "/api/v3/routes/?limit={limit}",
}

parser = argparse.ArgumentParser()
parser.add_argument(
    "--pg-url", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
)
parser.add_argument("--case", action="append", choices=sorted(LISTINGS), help="default: v3, routes")
parser.add_argument("--limit", type=int, default=10)
parser.add_argument("--offset", type=int, default=0)
parser.add_argument("--rounds", type=int, default=10)
parser.add_argument("--batch", type=int, default=10)
parser.add_argument("--sql", action="store_true", help="print each listing's queries")
parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE them at 10,000")
parser.add_argument(
    "--recount", action="store_true", help="also make the kept totals stale before each request"
)
parser.add_argument("--keep", action="store_true", help="keep the databases, to look into them")


def worker(database_url, media):
    """A ``bench/worker.py`` project worker (``make bench``'s) on its own database."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": media}
    env.pop("REDIS_URL", None)
    return run.Worker("project", env=env)


def summary(values):
    values = sorted(values)
    p10, p90 = values[len(values) // 10], values[(len(values) * 9) // 10]
    return f"{statistics.median(values):6.2f} ms ({p10:.2f}-{p90:.2f})"


def main():
    import psycopg

    args = parser.parse_args()
    cases = args.case or ["v3", "routes"]
    names = {size: f"perf_listing_{os.getpid()}_{size}" for size in SIZES}
    media = tempfile.mkdtemp(prefix="perf-listing-")
    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
        for name in names.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    workers = {}
    try:
        for size in SIZES:
            workers[size] = worker(f"{args.pg_url}/{names[size]}", f"{media}/{size}")
        index = None
        for size, side in workers.items():
            index = side(cmd="setup", sizes=[])["index"]
            side(cmd="grow", total=size)
        specs = {
            case: {
                "url": LISTINGS[case].format(limit=args.limit) + f"&offset={args.offset}",
                "uncached": index,
                "rows_changed": args.recount,
            }
            for case in cases
        }
        times = {(case, size): [] for case in cases for size in SIZES}
        queries = {}
        for _ in range(args.rounds):
            for case, spec in specs.items():
                for size, side in workers.items():
                    answer = side(cmd="measure", n=args.batch, **spec)
                    times[case, size] += answer["timings"]
                    queries[case, size] = answer["queries"]
        print(f"{args.rounds} rounds x {args.batch} requests per case and size, alternating; "
              f"limit {args.limit}, offset {args.offset}"
              f"{', totals recounted' if args.recount else ''}")
        for case in cases:
            for size in SIZES:
                print(f"{case:7} {size:6} pages: {summary(times[case, size])}, "
                      f"{queries[case, size]} queries")
            ratio = statistics.median(times[case, SIZES[1]]) / statistics.median(
                times[case, SIZES[0]]
            )
            print(f"{case:7} ratio {SIZES[1]}/{SIZES[0]}: {ratio:.2f}x")
        if args.sql or args.explain:
            for case, spec in specs.items():
                print(f"\n== {case} at {SIZES[1]} pages: {spec['url']}")
                for query in workers[SIZES[1]](cmd="explain", **spec)["queries"]:
                    print(f"-- {query['time']} s\n{query['sql']}")
                    if args.explain and query["plan"]:
                        print(query["plan"])
    finally:
        for side in workers.values():
            side.close()
        if args.keep:
            print("kept:", ", ".join(names.values()))
        else:
            with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
                for name in names.values():
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(media, ignore_errors=True)
        shutil.rmtree(run.MEDIA, ignore_errors=True)


if __name__ == "__main__":
    main()
