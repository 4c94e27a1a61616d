"""Factories mirroring the block tree and the page models (wagtail-factories).

A test says what it cares about and takes defaults for the rest, e.g.::

    ConditionPageFactory(parent=index, body__0__hero__heading="Sciatica")
    ConditionPageFactory(parent=index, body__0="symptom_list", body__1="faq")
"""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail import blocks

from cms import blocks as sections
from cms.pages.models import ConditionIndexPage, ConditionPage, HomePage
from cms.pages.review import ReviewerProfile
from cms.pages.reviewing import record_approval
from cms.pages.roles import MEDICAL_REVIEWERS


class SectionFactory(wagtail_factories.StructBlockFactory):
    """Builds a fully normalised value: children a test leaves out get the block's defaults."""

    #: ``{list child: item factory}``: lists a test leaves empty get one item, so the value passes
    #: the list's ``min_num`` (an underscore name is not a factory declaration).
    _one_item_by_default: dict = {}

    class Meta:
        abstract = True

    @classmethod
    def _construct_struct_value(cls, block_class, params):
        for name, item_factory in cls._one_item_by_default.items():
            if not params.get(name):
                params[name] = [item_factory()]
        block = block_class()
        # normalize() keeps only the keys it is given; fill the rest as to_python() would.
        value = {name: child.get_default() for name, child in block.child_blocks.items()}
        value.update(params)
        return block.normalize(value)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=1600, height=900, color="steelblue")


class FigureBlockFactory(SectionFactory):
    """No image unless a test asks for one: ``image__image=ImageFactory()``."""

    image = None
    alt_text = factory.LazyAttribute(lambda o: f"Description of {o.image.title}" if o.image else "")

    class Meta:
        model = sections.FigureBlock


class LinkBlockFactory(SectionFactory):
    label = "Get relief"
    anchor = "get-started"

    class Meta:
        model = sections.LinkBlock


class HeroBlockFactory(SectionFactory):
    heading = "Relief for back pain"
    intro = "Pain after surgery can be treated."
    image = factory.SubFactory(FigureBlockFactory)
    call_to_action = factory.SubFactory(LinkBlockFactory)

    class Meta:
        model = sections.HeroBlock


class RecoveryOutlookBlockFactory(SectionFactory):
    level = "high"

    class Meta:
        model = sections.RecoveryOutlookBlock


class ConditionBasicsBlockFactory(SectionFactory):
    heading = "At a glance"
    symptoms = factory.LazyFunction(lambda: ["Pain", "Numbness"])
    causes = factory.LazyFunction(lambda: ["Injury"])
    treatments = factory.LazyFunction(lambda: ["Injections"])
    recovery_outlook = factory.SubFactory(RecoveryOutlookBlockFactory)

    class Meta:
        model = sections.ConditionBasicsBlock


class SymptomGroupBlockFactory(SectionFactory):
    region = "lumbar"
    items = factory.LazyFunction(lambda: ["Lower back pain", "Leg numbness"])

    class Meta:
        model = sections.SymptomGroupBlock


class SymptomListBlockFactory(SectionFactory):
    heading = "Symptoms"
    groups = wagtail_factories.ListBlockFactory(SymptomGroupBlockFactory)
    _one_item_by_default = {"groups": SymptomGroupBlockFactory}

    class Meta:
        model = sections.SymptomListBlock


class CauseBlockFactory(SectionFactory):
    title = factory.Sequence(lambda n: f"Cause {n}")
    description = "How this cause leads to the condition."

    class Meta:
        model = sections.CauseBlock


class CauseListBlockFactory(SectionFactory):
    heading = "Causes"
    causes = wagtail_factories.ListBlockFactory(CauseBlockFactory)
    _one_item_by_default = {"causes": CauseBlockFactory}

    class Meta:
        model = sections.CauseListBlock


class TreatmentTierBlockFactory(SectionFactory):
    name = factory.Sequence(lambda n: f"Tier {n}")
    intensity = "conservative"
    description = "What this treatment involves."
    examples = factory.LazyFunction(lambda: ["Injection"])
    image = factory.SubFactory(FigureBlockFactory)

    class Meta:
        model = sections.TreatmentTierBlock


class TreatmentTiersBlockFactory(SectionFactory):
    heading = "Treatments"
    tiers = wagtail_factories.ListBlockFactory(TreatmentTierBlockFactory)
    _one_item_by_default = {"tiers": TreatmentTierBlockFactory}

    class Meta:
        model = sections.TreatmentTiersBlock


class CallToActionBlockFactory(SectionFactory):
    heading = "Let's get started"
    text = "Answer a few questions."
    link = factory.SubFactory(LinkBlockFactory, label="Start", anchor="intake")

    class Meta:
        model = sections.CallToActionBlock


class RichTextSectionBlockFactory(SectionFactory):
    heading = "About"
    body = factory.LazyFunction(lambda: blocks.RichTextBlock().normalize("<p>Some text.</p>"))

    class Meta:
        model = sections.RichTextSectionBlock


class QuestionBlockFactory(SectionFactory):
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = factory.LazyFunction(lambda: blocks.RichTextBlock().normalize("<p>Answer.</p>"))

    class Meta:
        model = sections.QuestionBlock


class FAQBlockFactory(SectionFactory):
    heading = "Questions"
    items = wagtail_factories.ListBlockFactory(QuestionBlockFactory)
    _one_item_by_default = {"items": QuestionBlockFactory}

    class Meta:
        model = sections.FAQBlock


class CitationBlockFactory(SectionFactory):
    title = factory.Sequence(lambda n: f"A review of condition {n}")
    authors = "Author A, Author B"
    publication = "Journal of Spine Care"
    year = 2021
    doi = factory.Sequence(lambda n: f"10.1000/example.{n}")

    class Meta:
        model = sections.CitationBlock


class ReferencesBlockFactory(SectionFactory):
    heading = "References"
    citations = wagtail_factories.ListBlockFactory(CitationBlockFactory)
    _one_item_by_default = {"citations": CitationBlockFactory}

    class Meta:
        model = sections.ReferencesBlock


#: Factories for every core section, by section type. Plugins' tests add their own.
SECTION_FACTORIES = {
    "hero": HeroBlockFactory,
    "condition_basics": ConditionBasicsBlockFactory,
    "symptom_list": SymptomListBlockFactory,
    "cause_list": CauseListBlockFactory,
    "treatment_tiers": TreatmentTiersBlockFactory,
    "call_to_action": CallToActionBlockFactory,
    "rich_text": RichTextSectionBlockFactory,
    "faq": FAQBlockFactory,
    "references": ReferencesBlockFactory,
}


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    body = wagtail_factories.StreamFieldFactory(
        {
            "hero": factory.SubFactory(HeroBlockFactory),
            "rich_text": factory.SubFactory(RichTextSectionBlockFactory),
        }
    )

    class Meta:
        model = HomePage


class ConditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Conditions"

    class Meta:
        model = ConditionIndexPage


class ConditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    condition_name = factory.LazyAttribute(lambda o: o.title)
    short_summary = "A short summary of the condition."
    body_area = "spine"
    body = wagtail_factories.StreamFieldFactory(
        {name: factory.SubFactory(f) for name, f in SECTION_FACTORIES.items()}
    )

    class Meta:
        model = ConditionPage


# -- medical review ------------------------------------------------------------------------------


class ReviewerFactory(factory.django.DjangoModelFactory):
    """A member of Medical reviewers with a reviewer profile: someone who may approve."""

    username = factory.Sequence(lambda n: f"reviewer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def profile(user, create, extracted, **kwargs):
        user.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
        ReviewerProfile.objects.get_or_create(
            user=user,
            defaults={"display_name": "Dr. Rivera", "credentials": "MD, spine surgery", **kwargs},
        )


def approve(page, reviewer=None):
    """Record a medical approval of ``page``'s latest revision (as a reviewer would)."""
    page = page.specific
    revision = page.get_latest_revision() or page.save_revision()
    return record_approval(revision, reviewer or ReviewerFactory(username="reviewer"))


def publish_approved(page, reviewer=None):
    """Save a revision of ``page`` as it is, approve it if it is a condition page, publish it."""
    revision = page.save_revision()
    if isinstance(page.specific_deferred, ConditionPage):
        approve(page, reviewer)
    revision.publish()
    return revision
