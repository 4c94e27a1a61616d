"""Create condition pages from a template, one (``--name``) or many (``--from-csv``).

    python manage.py clone_condition "Spine condition" --name "Spinal Stenosis" --submit-for-review
    python manage.py clone_condition "Spine condition" --name "Sciatica" --set body_area=back
    python manage.py clone_condition "Spine condition" --from-csv conditions.csv

The command acts as the site operator: no user, so no permission checks. Publishing is held to
the same rules as everywhere: a page with a placeholder or an unwritten section is refused, and so
is clinical content no medical reviewer approved (a new page's, always): ``--submit-for-review``
puts the new page in its review workflow instead. A CSV has a ``name`` column (or
``condition``), optional ``slug`` and ``parent`` columns, and one column per placeholder. Every
row is tried; failed rows are reported and the command exits with an error status at the end if
any failed.
"""

import csv

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from cms.cloning.actions import clone_condition
from cms.cloning.models import ConditionTemplate
from cms.cloning.placeholders import CONDITION
from cms.pages.models import ConditionIndexPage
from cms.pages.publishing import unwritten_sections


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(e.messages)}" if field != "__all__" else " ".join(e.messages)
            for field, e in ((f, ValidationError(errs)) for f, errs in error.error_dict.items())
        )
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Create condition pages from a condition template."

    def add_arguments(self, parser):
        parser.add_argument("template", help="The template's name (or id).")
        parser.add_argument("--name", help="The condition's name, e.g. 'Spinal Stenosis'.")
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="A placeholder value, e.g. --set body_area='lower back'. Repeatable.",
        )
        parser.add_argument("--slug", default="", help="Defaults to the name, slugified.")
        parser.add_argument(
            "--parent",
            default="",
            help="The condition index, as a path ('/conditions/') or a page id. Optional when "
            "there is only one index.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the new page(s): refused until a medical reviewer approves them.",
        )
        parser.add_argument(
            "--submit-for-review",
            action="store_true",
            help="Submit the new page(s) to their workflow: the medical review.",
        )
        parser.add_argument("--from-csv", metavar="FILE", help="Create one page per CSV row.")

    def handle(self, *args, **options):
        template = self._template(options["template"])
        if bool(options["name"]) == bool(options["from_csv"]):
            raise CommandError("Give either --name or --from-csv.")
        if options["from_csv"]:
            return self._from_csv(template, options)
        values = self._parse_sets(options["set"])
        values[CONDITION] = options["name"]
        try:
            page = self._clone(template, values, options["parent"], options["slug"], options)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(self._describe(error)) from error
        self.stdout.write(self.style.SUCCESS(self._result(page)))

    # -- helpers ---------------------------------------------------------------------------

    def _template(self, ref):
        templates = ConditionTemplate.objects.all()
        template = templates.filter(name__iexact=ref).first()
        if template is None and ref.isdigit():
            template = templates.filter(pk=int(ref)).first()
        if template is None:
            names = ", ".join(f"“{t}”" for t in templates) or "none yet"
            raise CommandError(f"No condition template “{ref}”. Templates: {names}.")
        return template

    def _parse_sets(self, pairs):
        values = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip():
                raise CommandError(f"--set takes KEY=VALUE, got {pair!r}.")
            values[key.strip()] = value
        return values

    def _parent(self, ref):
        indexes = ConditionIndexPage.objects.all()
        if not ref:
            if indexes.count() == 1:
                return indexes.get()
            raise ValidationError({"parent": "Give the condition index with --parent."})
        if ref.isdigit():
            page = Page.objects.filter(pk=int(ref)).first()
        else:
            wanted = "/" + ref.strip("/") + "/"
            paths = [site.root_page.url_path.rstrip("/") + wanted for site in Site.objects.all()]
            page = indexes.filter(url_path__in=paths).first()
        if page is None:
            raise ValidationError({"parent": f"No condition index at {ref!r}."})
        return page

    def _clone(self, template, values, parent_ref, slug, options):
        return clone_condition(
            template,
            values=values,
            parent=self._parent(parent_ref),
            slug=slug,
            publish=options["publish"],
            submit_for_review=options["submit_for_review"],
        )

    def _describe(self, error):
        if isinstance(error, ValidationError):
            message = _messages(error)
            if hasattr(error, "error_dict") and "slug" in error.error_dict:
                message += " (use --slug, or a 'slug' column in a CSV)"
            return message
        return str(error)

    def _result(self, page):
        state = "published" if page.live else "draft"
        if page.workflow_in_progress:
            state += ", submitted for medical review"
        where = page.url or page.url_path
        result = f"Created {page.title!r} ({state}, id {page.pk}) at {where}"
        unwritten = unwritten_sections(page)
        if unwritten:
            result += (
                f". {len(unwritten)} section(s) still to write before it can be published: "
                + "; ".join(unwritten)
            )
        return result

    def _from_csv(self, template, options):
        try:
            with open(options["from_csv"], newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise CommandError(f"Cannot read {options['from_csv']}: {error}") from error
        failed = 0
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            values = {
                key: value
                for key, value in row.items()
                if key not in ("name", "slug", "parent") and value
            }
            values[CONDITION] = row.get("name") or row.get(CONDITION, "")
            parent = row.get("parent") or options["parent"]
            try:
                page = self._clone(template, values, parent, row.get("slug", ""), options)
            except (ValidationError, PermissionDenied) as error:
                failed += 1
                label = values[CONDITION] or "(no name)"
                self.stderr.write(f"Row {number} ({label}): FAILED: {self._describe(error)}")
            else:
                self.stdout.write(self.style.SUCCESS(f"Row {number}: {self._result(page)}"))
        self.stdout.write(f"{len(rows) - failed} created, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} of {len(rows)} rows failed; the others were created.")
