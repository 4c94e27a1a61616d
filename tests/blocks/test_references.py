import pytest

from cms.blocks import ReferencesBlock
from tests.factories import CitationBlockFactory, ReferencesBlockFactory


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(ReferencesBlock(), ReferencesBlockFactory()) == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("doi", "https://doi.org/10.1000/x", "Enter a DOI such as"),
        ("doi", "10.12/x", "Enter a DOI such as"),
        ("pmid", "PMID26516498", "Enter a PubMed ID"),
        ("pmid", "0123", "Enter a PubMed ID"),
    ],
)
def test_identifiers_are_validated(clean_errors, field, value, message):
    citation = CitationBlockFactory(**{"doi": "", field: value})
    errors = clean_errors(ReferencesBlock(), ReferencesBlockFactory(citations=[citation]))
    assert message in errors[f"citations.0.{field}"][0]


def test_a_citation_needs_something_a_reader_can_check(clean_errors):
    citation = CitationBlockFactory(doi="", pmid="", url="")
    errors = clean_errors(ReferencesBlock(), ReferencesBlockFactory(citations=[citation]))
    assert errors["citations.0.doi"] == [
        "Give a DOI, a PubMed ID or a URL so readers can check it."
    ]


@pytest.mark.parametrize(
    ("identifiers", "href"),
    [
        (
            {"doi": "10.1177/2049463713479096", "pmid": "26516498"},
            "https://doi.org/10.1177/2049463713479096",
        ),
        ({"doi": "", "pmid": "26516498"}, "https://pubmed.ncbi.nlm.nih.gov/26516498/"),
        ({"doi": "", "pmid": "", "url": "https://example.org/a"}, "https://example.org/a"),
    ],
)
def test_api_gives_each_citation_a_link(identifiers, href):
    value = ReferencesBlockFactory(citations=[CitationBlockFactory(**identifiers)])
    data = ReferencesBlock().get_api_representation(value)
    assert data["citations"][0]["href"] == href
    assert "unwritten" not in data


def test_renders_a_numbered_list_in_order():
    value = ReferencesBlockFactory(
        citations=[
            CitationBlockFactory(title="First review", pmid="123"),
            CitationBlockFactory(title="Second review"),
        ]
    )
    html = ReferencesBlock().render(value)
    assert '<ol class="references__list">' in html
    assert html.index("First review") < html.index("Second review")
    assert "PMID: 123." in html


def test_contributes_citations_to_the_page_json_ld():
    value = ReferencesBlockFactory(
        citations=[CitationBlockFactory(title="A review", doi="10.1000/abc", pmid="42", year=2020)]
    )
    (citation,) = ReferencesBlock().schema_org_page(value)["citation"]
    assert citation["@type"] == "ScholarlyArticle"
    assert citation["name"] == "A review"
    assert citation["datePublished"] == "2020"
    assert citation["url"] == "https://doi.org/10.1000/abc"
    assert {"@type": "PropertyValue", "propertyID": "PMID", "value": "42"} in citation["identifier"]


def test_is_declared_clinical():
    assert ReferencesBlock().meta.clinical is True


def test_cites_the_link_of_each_citation_for_the_link_check():
    value = ReferencesBlockFactory(
        citations=[
            CitationBlockFactory(doi="10.1000/abc"),
            CitationBlockFactory(doi="", pmid="42"),
            CitationBlockFactory(doi="", url="https://example.org/a"),
        ]
    )
    assert ReferencesBlock().cited_links(value) == [
        "https://doi.org/10.1000/abc",
        "https://pubmed.ncbi.nlm.nih.gov/42/",
        "https://example.org/a",
    ]
