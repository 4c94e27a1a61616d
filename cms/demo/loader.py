"""Creates the demo site. Idempotent: pages that exist are left as they are (editors' changes
survive a second run); ``reset=True`` rewrites the demo pages from the definitions here."""

from django.db import transaction
from wagtail.models import Page, Site

from cms.pages.models import ConditionIndexPage, ConditionPage, HomePage

from .clinic import demo_clinic
from .fbss import fbss_page
from .images import DEMO_IMAGES, demo_image
from .intake import spine_pain_intake_form
from .related import related_pages
from .reviewers import demo_reviewer, publish_reviewed
from .template import load_spine_template

PAGE_FIELDS = (
    "title",
    "condition_name",
    "also_known_as",
    "short_summary",
    "body_area",
    "search_description",
)


def section(page_data, block_type):
    """The value of the one section of type ``block_type`` in a demo page's body."""
    values = [value for name, value in page_data["body"] if name == block_type]
    if len(values) != 1:
        raise LookupError(f"expected one {block_type!r} section, found {len(values)}")
    return values[0]


def named(items, name, key="name"):
    """The item of ``items`` whose ``key`` is ``name``."""
    return next(item for item in items if item[key] == name)


def _home(log):
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Replace Wagtail's placeholder welcome page, which holds the "home" slug.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Spine care conditions",
                slug="home",
                intro="Clear, medically reviewed explanations of spine conditions and how "
                "they are treated.",
            )
        )
        home.save_revision().publish()
        log("created home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Spine care conditions",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Spine care conditions"
        site.save()
    return home


def _index(home, log):
    index = ConditionIndexPage.objects.child_of(home).filter(slug="conditions").first()
    if index is None:
        index = home.add_child(
            instance=ConditionIndexPage(
                title="Conditions",
                slug="conditions",
                intro="<p>Spine conditions we diagnose and treat.</p>",
            )
        )
        index.save_revision().publish()
        log("created /conditions/")
    return index


def _condition(index, data, reset, log, reviewer):
    page = ConditionPage.objects.child_of(index).filter(slug=data["slug"]).first()
    created = page is None
    if not created and not reset:
        return page, False
    if created:
        page = ConditionPage(slug=data["slug"])
    for field in PAGE_FIELDS:
        setattr(page, field, data[field])
    page.body = data["body"]
    if created:
        index.add_child(instance=page)
    publish_reviewed(page, reviewer)
    page.refresh_from_db()
    log(f"{'created' if created else 'reset'} {page.url}, approved by {reviewer.username}")
    return page, True


@transaction.atomic
def load_demo(reset=False, log=print):
    home = _home(log)
    index = _index(home, log)
    demo_clinic(Site.objects.get(is_default_site=True), log)
    images = {key: demo_image(key) for key in DEMO_IMAGES}
    reviewer = demo_reviewer()

    related = {}
    for data in related_pages():
        related[data["slug"]], _ = _condition(index, data, reset, log, reviewer)

    fbss_data = fbss_page(images, intake_form=spine_pain_intake_form(log))
    decompression = named(section(fbss_data, "treatment_tiers")["tiers"], "Decompression")
    decompression["link"] = {
        "label": "About herniated discs",
        "page": related["herniated-disc"],
        "anchor": "",
        "url": "",
    }
    fbss, written = _condition(index, fbss_data, reset, log, reviewer)

    if written:
        fbss.related_conditions.set(related.values())
        publish_reviewed(fbss, reviewer)
    pairs = {
        "herniated-disc": ["sciatica", "degenerative-disc-disease"],
        "degenerative-disc-disease": ["herniated-disc"],
        "sciatica": ["herniated-disc"],
    }
    for slug, others in pairs.items():
        page = related[slug]
        wanted = {fbss.pk, *(related[o].pk for o in others)}
        if set(page.related_conditions.values_list("pk", flat=True)) != wanted:
            page.related_conditions.set([fbss, *(related[o] for o in others)])
            publish_reviewed(page, reviewer)
    # The marketers' "Spine condition" template, saved from the FBSS page.
    load_spine_template(fbss, reset=reset, log=log)
    return {"home": home, "index": index, "fbss": fbss, **related}
