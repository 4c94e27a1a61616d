"""Hand-written API shapes shared by sections and page fields: images and links."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ApiSchema(BaseModel):
    """A hand-written API shape: unknown keys are an error, so drift fails tests loudly."""

    model_config = ConfigDict(extra="forbid")


class ImageRendition(ApiSchema):
    width: int
    height: int
    url: str


class FocalPoint(ApiSchema):
    x: int
    y: int
    width: int
    height: int


class SectionImage(ApiSchema):
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


class LinkedPage(ApiSchema):
    id: int
    title: str
    path: str | None = Field(description="The page's path on the site, e.g. '/conditions/x/'.")


class SectionLink(ApiSchema):
    """A link resolved for rendering: ``href`` is ready to use whatever ``kind`` it is."""

    label: str | None
    kind: Literal["page", "anchor", "url"] | None
    href: str | None
    page: LinkedPage | None
