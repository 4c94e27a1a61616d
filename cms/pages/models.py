from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks.fields import SectionsField

from .api.fields import (
    AlternateNamesField,
    BreadcrumbsField,
    JsonLdField,
    PagePathField,
    RelatedConditionsField,
    ReviewField,
)
from .api.preview import HeadlessPreviewMixin
from .cadence import OverdueNotice  # noqa: F401 - a model of this app, in its own module
from .clinic import ClinicSettings  # noqa: F401 - a model of this app, in its own module
from .clinical import CLINICAL_FIELDS, clinical_fingerprint
from .jsonld import condition_jsonld
from .panels import MedicalReviewPanel
from .privacy import public
from .publishing import ConditionPagePermissionTester, check_publishable
from .review import (  # noqa: F401 - models of this app, in their own module
    MedicalApproval,
    MedicalReviewTask,
    ReviewerProfile,
    ReviewOverride,
)
from .reviewing import Review, review_of


class HomePage(Page):
    intro = models.TextField(blank=True, max_length=600)
    body = SectionsField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro", writable=True), APIField("body", writable=True)]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ConditionIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["condition_indexes"] = public(ConditionIndexPage.objects.child_of(self).live())
        return context


class ConditionIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", writable=True)]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ConditionPage"]

    def conditions(self):
        return ConditionPage.listing(ConditionPage.objects.child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = self.conditions()
        return context


#: Fields whose saving changes a condition page's clinical digest.
CONTENT_FIELDS = frozenset({*CLINICAL_FIELDS, "body"})


class ConditionPage(HeadlessPreviewMixin, Page):
    condition_name = models.CharField(
        max_length=120, help_text="The condition's usual name, e.g. 'Spinal stenosis'."
    )
    also_known_as = models.TextField(
        blank=True,
        max_length=1000,
        help_text="Other names the condition goes by, one per line.",
    )
    short_summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings and search results."
    )
    body_area = models.CharField(
        max_length=80, blank=True, help_text="Where in the body, e.g. 'lower back' or 'neck'."
    )
    body = SectionsField(blank=True)
    related_conditions = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+"
    )
    #: ``clinical_fingerprint()`` of this row's content, worked out whenever it is saved: the
    #: live page's review then compares two strings instead of hashing every clinical section.
    #: Only read from rows just loaded (:func:`~.reviewing.review_from_query`); a revision's or
    #: a form's copy of the page may hold a stale one.
    clinical_digest = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("condition_name"),
                FieldPanel("also_known_as"),
                FieldPanel("short_summary"),
                FieldPanel("body_area"),
            ],
            heading="Condition",
        ),
        FieldPanel("body"),
        FieldPanel("related_conditions"),
    ]
    # Read-only: reviews are recorded by the "Medical review" workflow task, never typed.
    review_panels = [MedicalReviewPanel(heading="Medical review")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(review_panels, heading="Medical review"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("condition_name", boost=3),
        index.SearchField("also_known_as", boost=2),
        index.SearchField("short_summary"),
        index.SearchField("body"),
        index.FilterField("body_area"),
    ]
    api_fields = [
        # Writable: every field of the editor's form can be written through API v3 too.
        APIField("condition_name", writable=True),
        APIField("also_known_as", writable=True),
        APIField("alternate_names", serializer=AlternateNamesField()),
        APIField("short_summary", writable=True),
        APIField("body_area", writable=True),
        APIField("body", writable=True),
        APIField("review", serializer=ReviewField()),
        # Computed for decoupled front-ends: everything needed to render the page in one request.
        APIField("html_path", serializer=PagePathField()),
        APIField("breadcrumbs", serializer=BreadcrumbsField()),
        # Written as a list of page ids; read as live, public cards (the later entry wins there).
        APIField("related_conditions", writable=True),
        APIField("related_conditions", serializer=RelatedConditionsField()),
        APIField("jsonld", serializer=JsonLdField()),
    ]

    parent_page_types = ["pages.ConditionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "condition page"

    @property
    def alternate_names(self) -> list[str]:
        return [line.strip() for line in self.also_known_as.splitlines() if line.strip()]

    @cached_property
    def review(self) -> Review:
        """What the public is told about this version's medical review (:mod:`.reviewing`)."""
        return review_of(self)

    @cached_property
    def has_hero(self) -> bool:
        return any(block.block_type == "hero" for block in self.body)

    @staticmethod
    def listing(pages):
        """``pages`` as listings show them: live and public, summary fields only, by name.

        ``pages`` may be the in-memory relation of a page built from a form (a preview), which
        has no database queryset methods: the same pages are then read from the database.
        """
        pages = pages.all()
        if isinstance(pages, FakeQuerySet):
            pages = ConditionPage.objects.filter(pk__in=[page.pk for page in pages])
        return (
            public(pages.live())
            .only("id", "title", "slug", "url_path", "condition_name", "short_summary", "path")
            .order_by("condition_name")
        )

    def live_related_conditions(self):
        return self.listing(self.related_conditions)

    def permissions_for_user(self, user):
        # Other apps may hold publishing back per user: see cms.pages.publishing.
        return ConditionPagePermissionTester(user, self)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or CONTENT_FIELDS.intersection(update_fields):
            self.clinical_digest = clinical_fingerprint(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "clinical_digest"}
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        page = super().with_content_json(content)
        page.clinical_digest = ""  # saved with the revision: not known to match its content
        return page

    def publish(self, revision, *args, **kwargs):
        # Every way of publishing (admin, API, workflows, commands) ends here.
        check_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def jsonld(self, request=None) -> dict:
        return condition_jsonld(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = list(self.live_related_conditions())
        context["jsonld"] = self.jsonld(request)
        return context
