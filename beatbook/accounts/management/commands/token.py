"""``beatbook token create USERNAME`` prints a new API token; ``revoke`` and ``list`` manage them."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from beatbook.accounts.models import ApiToken, User
from beatbook.core.context import acting_as


class Command(BaseCommand):
    help = "Create, list and revoke per-user API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it (shown once).")
        create.add_argument("username")
        create.add_argument("--name", default="")
        create.add_argument("--days", type=int, default=None, help="Expire after this many days.")
        listing = sub.add_parser("list")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", help="The 8 characters after 'bb_' of the token.")

    def handle(self, *args, **options):
        with acting_as(None, source="command"):
            if options["action"] == "create":
                user = User.objects.filter(username=options["username"]).first()
                if user is None:
                    raise CommandError(f"No user named {options['username']!r}.")
                expires = (
                    timezone.now() + timezone.timedelta(days=options["days"]) if options["days"] else None
                )
                _token, key = ApiToken.issue(user, name=options["name"], expires_at=expires)
                self.stdout.write(key)
            elif options["action"] == "list":
                for t in ApiToken.objects.filter(user__username=options["username"]).order_by("created_at"):
                    state = "active" if t.is_active else "revoked/expired"
                    self.stdout.write(f"{t.prefix}\t{t.name}\t{t.created_at:%Y-%m-%d}\t{state}")
            else:
                tokens = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
                if not tokens:
                    raise CommandError(f"No active token with prefix {options['prefix']!r}.")
                for t in tokens:
                    t.revoke()
                self.stdout.write(f"Revoked {len(tokens)} token(s).")
