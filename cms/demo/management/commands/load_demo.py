from django.core.management.base import BaseCommand

from cms.demo.loader import load_demo


class Command(BaseCommand):
    help = "Create the demo site: home, /conditions/, the FBSS page and related conditions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Rewrite the demo pages from their definitions (loses edits made to them).",
        )

    def handle(self, *args, reset=False, **options):
        load_demo(reset=reset, log=lambda msg: self.stdout.write(f"  {msg}"))
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
