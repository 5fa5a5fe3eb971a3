"""``beatbook community setup`` (programmes from the plan) and ``beatbook community status [--as-of DATE]``."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from beatbook.core.context import acting_as


class Command(BaseCommand):
    help = "Set up programmes from the plan, or print enrolled/active members per programme (computed by the rules)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["setup", "status"])
        parser.add_argument("--as-of", default="", help="Date for the membership rule (default today).")

    def handle(self, *args, **options):
        from beatbook.community.models import Ambassador, Member, Programme, Session
        from beatbook.community.setup import ensure_programmes

        with acting_as(None, source="command"):
            if options["action"] == "setup":
                for programme, created in ensure_programmes():
                    self.stdout.write(
                        f"{'created' if created else 'exists '} {programme.code} {programme.member_kind} "
                        f"rule: >= {programme.active_min_sessions} sessions in {programme.active_window_months} months"
                    )
                return
            try:
                as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else dt.date.today()
            except ValueError as exc:
                raise CommandError(f"--as-of: {exc}")
            self.stdout.write(f"as of {as_of}")
            for p in Programme.objects.select_related("area"):
                if p.member_kind == Programme.MemberKind.STAFF:
                    total = Ambassador.objects.filter(programme=p).count()
                    active = Ambassador.active_qs(Ambassador.objects.all(), p, as_of).count()
                    enrolled = total
                else:
                    members = Member.objects.filter(programme=p)
                    enrolled, active = members.enrolled(as_of).count(), members.active(as_of).count()
                held = Session.objects.filter(programme=p, status="held", date__year=as_of.year).count()
                self.stdout.write(
                    f"{p.code:<14} enrolled {enrolled:>5}  active {active:>5}  "
                    f"(>= {p.active_min_sessions} in {p.active_window_months} months)  "
                    f"sessions held in {as_of.year}: {held}"
                )
