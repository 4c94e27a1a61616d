"""API v3 page detail of a 100-section condition page: cold (response cache miss, as right
after a publish), warm (stored JSON served), 304 (validator match), and find by path.

    .venv/bin/python bench/api_page_detail.py [runs]
"""

import sys

from harness import build_site, linked_page, measure, report

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
SECTIONS = 100


def main():
    from django.test import Client

    from cms.api.cache import invalidate
    page = linked_page(build_site(), SECTIONS)

    client = Client()
    detail = f"/api/v3/pages/{page.pk}/"
    find = "/api/v3/pages/find/?html_path=/conditions/bench/"

    def cold():
        # What a publish does: new generation stamps, so the stored JSON is unreachable.
        invalidate([page.pk])

    etag = client.get(detail)["ETag"]
    rows = [
        ("v3 detail, cold (cache miss)", measure(lambda: client.get(detail), RUNS, before=cold)),
        ("v3 detail, warm (cache hit)", measure(lambda: client.get(detail), RUNS)),
    ]
    etag = client.get(detail)["ETag"]
    rows.append(
        (
            "v3 detail, 304 (If-None-Match)",
            measure(lambda: client.get(detail, HTTP_IF_NONE_MATCH=etag), RUNS, expect=304),
        )
    )
    rows += [
        ("v3 find by path, cold", measure(lambda: client.get(find), RUNS, before=cold)),
        ("v3 find by path, warm", measure(lambda: client.get(find), RUNS)),
    ]
    report(f"API v3, condition page with {SECTIONS} sections", rows, RUNS)


if __name__ == "__main__":
    main()
