"""Hand-written API shapes shared by blocks and page fields (images, links, related pages)."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ImageRendition(_Schema):
    width: int
    height: int
    url: str


class FocalPoint(_Schema):
    x: int
    y: int
    width: int
    height: int


class SectionImage(_Schema):
    """An image ready to render: alt text, intrinsic size and srcset-ready renditions."""

    id: int
    title: str
    alt: str | None
    width: int
    height: int
    src: str = Field(description="URL of the largest rendition.")
    srcset: str = Field(description="A ready-made `srcset` attribute value.")
    renditions: list[ImageRendition]
    focal_point: FocalPoint | None


class LinkedPage(_Schema):
    id: int
    title: str
    path: str | None = Field(description="The page's path on the site, e.g. '/conditions/x/'.")


class SectionLink(_Schema):
    """A link resolved for rendering: ``href`` is ready to use whatever ``kind`` it is."""

    label: str | None
    kind: Literal["page", "anchor", "url"] | None
    href: str | None
    page: LinkedPage | None


class RelatedCondition(_Schema):
    id: int
    title: str
    condition_name: str
    path: str | None
    short_summary: str


class Breadcrumb(_Schema):
    id: int
    title: str
    path: str | None


JsonLd = dict[str, Any]
