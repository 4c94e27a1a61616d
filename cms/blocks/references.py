"""The evidence behind a page: a numbered list of citations, each with a checkable identifier."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from wagtail import blocks

from .base import SectionBlock

DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
PMID_PATTERN = r"^[1-9]\d{0,8}$"

doi_validator = RegexValidator(
    DOI_PATTERN, "Enter a DOI such as 10.1177/2049463713479096, without 'https://doi.org/'."
)
pmid_validator = RegexValidator(PMID_PATTERN, "Enter a PubMed ID: digits only, e.g. 26516498.")


class CitationValue(blocks.StructValue):
    @property
    def href(self) -> str | None:
        """Where a reader checks the source: its DOI, else its PubMed record, else its URL."""
        if self.get("doi"):
            return f"https://doi.org/{self['doi']}"
        if self.get("pmid"):
            return f"https://pubmed.ncbi.nlm.nih.gov/{self['pmid']}/"
        return self.get("url") or None


class CitationBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    authors = blocks.CharBlock(max_length=300, help_text="e.g. 'Thomson S' or 'Baber Z, Erdek MA'.")
    publication = blocks.CharBlock(max_length=200, help_text="The journal or publisher.")
    year = blocks.IntegerBlock(min_value=1800, max_value=datetime.date.today().year + 1)
    doi = blocks.CharBlock(required=False, max_length=200, validators=[doi_validator], label="DOI")
    pmid = blocks.CharBlock(
        required=False, max_length=9, validators=[pmid_validator], label="PubMed ID"
    )
    url = blocks.URLBlock(required=False, help_text="Only when there is no DOI or PubMed ID.")

    class Meta:
        icon = "doc-full"
        label = "Citation"
        value_class = CitationValue

    def clean(self, value):
        value = super().clean(value)
        if not any(value.get(name) for name in ("doi", "pmid", "url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "doi": ValidationError(
                        "Give a DOI, a PubMed ID or a URL so readers can check it."
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["href"] = value.href
        return data

    def api_schema(self, builder):
        return builder.struct(self, extra={"href": str | None})


class ReferencesBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, default="References")
    citations = blocks.ListBlock(CitationBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        label = "References"
        template = "blocks/references.html"
        description = "The published evidence behind the page, as a numbered list"
        clinical = True
        preview_value = {
            "heading": "References",
            "citations": [
                {
                    "title": "A review of the condition",
                    "authors": "Author A, Author B",
                    "publication": "Journal of Examples",
                    "year": 2020,
                    "url": "https://example.org/review",
                }
            ],
        }

    def cited_links(self, value) -> list[str]:
        return [citation.href for citation in value.get("citations", []) if citation.href]

    def schema_org_page(self, value) -> dict[str, list]:
        """Each citation as a schema.org ``citation`` of the page."""
        citations = []
        for citation in value.get("citations", []):
            item = {
                "@type": "ScholarlyArticle",
                "name": citation["title"],
                "author": citation["authors"],
                "isPartOf": {"@type": "Periodical", "name": citation["publication"]},
                "datePublished": str(citation["year"]),
            }
            if citation.href:
                item["url"] = citation.href
            identifiers = [
                {"@type": "PropertyValue", "propertyID": kind, "value": citation.get(name)}
                for name, kind in (("doi", "DOI"), ("pmid", "PMID"))
                if citation.get(name)
            ]
            if identifiers:
                item["identifier"] = identifiers
            citations.append(item)
        return {"citation": citations}
