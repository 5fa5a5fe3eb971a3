import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import Contact, Organisation, Outreach


class OrganisationTable(BeatbookTable):
    name = tables.Column(accessor="name_zh", linkify=True, verbose_name=_("Name"))

    def render_name(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Organisation
        fields = ("name", "kind", "address", "joined_on", "active")


class ContactTable(BeatbookTable):
    name = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Contact
        fields = ("name", "organisation", "role", "phone", "email", "language", "is_primary")


class OutreachTable(BeatbookTable):
    topic = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Outreach
        fields = (
            "date",
            "kind",
            "topic",
            "organisation",
            "audience_size",
            "material",
            "quantity",
            "objective",
        )
