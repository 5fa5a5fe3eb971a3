"""``beatbook bulletins send-due``: send approved bulletins whose time has come (the huey periodic task
does the same every minute); ``beatbook bulletins send <id>`` re-runs one delivery (idempotent)."""

from django.core.management.base import BaseCommand

from beatbook.core.context import acting_as


class Command(BaseCommand):
    help = "Send due bulletins, or re-run delivery of one bulletin (each recipient receives it once)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["send-due", "send"])
        parser.add_argument("id", nargs="?", type=int)

    def handle(self, *args, **options):
        from beatbook.bulletins.services import due_bulletins, send

        with acting_as(None, source="command"):
            ids = (
                [options["id"]]
                if options["action"] == "send" and options["id"]
                else list(due_bulletins().values_list("pk", flat=True))
            )
            for pk in ids:
                self.stdout.write(f"bulletin {pk}: {send(pk)}")
            if not ids:
                self.stdout.write("nothing due")
