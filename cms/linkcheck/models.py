"""Every web address the live pages cite as evidence, with what it answered when last checked."""

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReferenceLinkQuerySet(models.QuerySet):
    def broken(self):
        """Links whose last check got an HTTP error (400 or above) or no answer at all."""
        return self.filter(
            Q(status_code__gte=400) | Q(status_code__isnull=True, checked_at__isnull=False)
        )

    @transaction.atomic
    def record_citations(self, citations: dict[str, set[int]], page_ids=None) -> list:
        """Make the stored citations those of ``citations`` (``{url: ids of the citing pages}``).

        ``page_ids`` limits the change to those pages (``None``: every page), so that checking
        one page leaves the others' citations alone. Links no page cites any more are deleted.
        Returns the links of ``citations``.
        """
        self.bulk_create([ReferenceLink(url=url) for url in citations], ignore_conflicts=True)
        links = list(self.filter(url__in=list(citations)))
        Citation = ReferenceLink.pages.through
        scope = Citation.objects.all() if page_ids is None else Citation.objects.filter(
            page_id__in=page_ids
        )
        wanted = {(link.pk, page_id) for link in links for page_id in citations[link.url]}
        stored = {
            (link, page): pk for pk, link, page in scope.values_list("pk", "referencelink", "page")
        }
        Citation.objects.filter(
            pk__in=[pk for pair, pk in stored.items() if pair not in wanted]
        ).delete()
        Citation.objects.bulk_create(
            [Citation(referencelink_id=link, page_id=page) for link, page in wanted - set(stored)],
            ignore_conflicts=True,  # a concurrent check recorded the same citation
        )
        self.filter(pages=None).delete()
        return links


class ReferenceLink(models.Model):
    url = models.URLField(max_length=2000, unique=True, verbose_name=_("URL"))
    status_code = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("HTTP status"),
        help_text=_("The status of the last answer, after redirects; empty when none came."),
    )
    error = models.CharField(
        max_length=100, blank=True, help_text=_("Why no answer came, e.g. 'timeout'.")
    )
    checked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last checked"))
    pages = models.ManyToManyField(
        "wagtailcore.Page",
        related_name="reference_links",
        verbose_name=_("cited by"),
        help_text=_("The live pages citing this address."),
    )

    objects = ReferenceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        verbose_name = _("reference link")

    def __str__(self):
        return self.url

    @property
    def is_broken(self) -> bool:
        if self.checked_at is None:
            return False
        return self.status_code is None or self.status_code >= 400

    @property
    def outcome(self) -> str:
        """What the last check got, for people: ``"404"``, ``"timeout"``..."""
        if self.status_code is not None:
            return str(self.status_code)
        return self.error
