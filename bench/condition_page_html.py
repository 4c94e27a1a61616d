"""Public HTML render of a condition page with 5, 100 and 200 sections (images, page links,
rich-text links), through the full request cycle.

    .venv/bin/python bench/condition_page_html.py [runs]
"""

import sys

from harness import build_site, linked_page, measure, report

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20


def main():
    from django.test import Client

    from tests.factories import ConditionPageFactory, ImageFactory

    index = build_site()
    images = [ImageFactory(file__width=1300, file__height=700) for _ in range(3)]
    targets = [ConditionPageFactory(parent=index, title=f"Target {n}") for n in range(3)]
    client = Client()
    rows = []
    for sections in (5, 100, 200):
        page = linked_page(index, sections, f"page-{sections}", images, targets)
        url = page.get_url()
        rows.append((f"HTML, {sections} sections", measure(lambda u=url: client.get(u), RUNS)))
    report("Condition page, public HTML", rows, RUNS)


if __name__ == "__main__":
    main()
