"""Page sections. One module per section family; everything public is re-exported here."""

from .base import SectionBlock
from .causes import CauseBlock, CauseListBlock
from .content import (
    FAQBlock,
    LinkPrefetchingRichTextBlock,
    QuestionBlock,
    RichTextSectionBlock,
)
from .cta import CallToActionBlock
from .hero import HeroBlock
from .images import FigureBlock, PrefetchingImageChooserBlock, image_api_representation
from .links import LinkBlock, OptionalLinkBlock
from .references import CitationBlock, ReferencesBlock
from .registry import (
    DuplicateSectionError,
    MissingTemplateError,
    NotABlockError,
    Section,
    SectionRegistrationError,
    SectionRegistry,
    section_registry,
)
from .summary import ConditionBasicsBlock, RecoveryOutlookBlock
from .symptoms import SymptomGroupBlock, SymptomListBlock
from .treatments import TreatmentTierBlock, TreatmentTiersBlock

__all__ = [
    "CallToActionBlock",
    "CauseBlock",
    "CitationBlock",
    "CauseListBlock",
    "ConditionBasicsBlock",
    "DuplicateSectionError",
    "FAQBlock",
    "FigureBlock",
    "HeroBlock",
    "LinkBlock",
    "LinkPrefetchingRichTextBlock",
    "MissingTemplateError",
    "NotABlockError",
    "OptionalLinkBlock",
    "PrefetchingImageChooserBlock",
    "QuestionBlock",
    "RecoveryOutlookBlock",
    "ReferencesBlock",
    "RichTextSectionBlock",
    "Section",
    "SectionBlock",
    "SectionRegistrationError",
    "SectionRegistry",
    "SymptomGroupBlock",
    "SymptomListBlock",
    "TreatmentTierBlock",
    "TreatmentTiersBlock",
    "image_api_representation",
    "section_registry",
]
