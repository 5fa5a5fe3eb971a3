"""Partner organisations, their contacts and outreach (the contact history), and the public iCalendar
feed of programme events."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.utils import timezone

from beatbook.core import views as generic

from . import filtersets, forms, tables
from .models import Contact, Organisation, Outreach


class OrganisationListView(generic.ObjectListView):
    queryset = Organisation.objects.all()
    filterset = filtersets.OrganisationFilterSet
    table = tables.OrganisationTable


class OrganisationDetailView(generic.ObjectDetailView):
    queryset = Organisation.objects.prefetch_related("programmes")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "contacts": Contact.objects.restrict(user, "view").filter(organisation=obj),
            "history": Outreach.objects.restrict(user, "view")
            .filter(organisation=obj)
            .select_related("contact", "objective")[:100],
            "can_add_outreach": user.has_perm("partners.add_outreach"),
            "can_add_contact": user.has_perm("partners.add_contact"),
        }


class OrganisationEditView(generic.ObjectEditView):
    queryset = Organisation.objects.all()
    form = forms.OrganisationForm


class ContactListView(generic.ObjectListView):
    queryset = Contact.objects.select_related("organisation")
    filterset = filtersets.ContactFilterSet
    table = tables.ContactTable


class ContactDetailView(generic.ObjectDetailView):
    queryset = Contact.objects.select_related("organisation")


class ContactEditView(generic.ObjectEditView):
    queryset = Contact.objects.all()
    form = forms.ContactForm


class ContactDeleteView(generic.ObjectDeleteView):
    queryset = Contact.objects.all()


class OutreachListView(generic.ObjectListView):
    queryset = Outreach.objects.select_related("organisation", "objective")
    filterset = filtersets.OutreachFilterSet
    table = tables.OutreachTable


class OutreachDetailView(generic.ObjectDetailView):
    queryset = Outreach.objects.select_related("organisation", "contact", "objective")


class OutreachEditView(generic.ObjectEditView):
    queryset = Outreach.objects.all()
    form = forms.OutreachForm


class OutreachDeleteView(generic.ObjectDeleteView):
    queryset = Outreach.objects.all()


def events_ics(request):
    """iCalendar feed of public programme events (no sign-in; only sessions marked public)."""
    from icalendar import Calendar, Event

    from beatbook.community.models import Session

    cal = Calendar()
    cal.add("prodid", "-//Beatbook//Mong Kok District programme events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "旺角警區社區活動 Mong Kok District community events")
    since = timezone.localdate() - dt.timedelta(days=30)
    sessions = (
        Session.objects.filter(is_public=True, date__gte=since, handling_code="normal")
        .exclude(status=Session.Status.CANCELLED)
        .select_related("programme__area")
        .order_by("date")[:500]
    )
    host = request.get_host()
    for s in sessions:
        event = Event()
        event.add("uid", f"session-{s.pk}@{host}")
        event.add("summary", f"{s.title_zh} {s.title_en}".strip())
        event.add("dtstart", s.starts_at)
        event.add("dtend", s.ends_at)
        event.add("dtstamp", s.updated_at)
        if s.venue:
            event.add("location", s.venue)
        text = (
            f"{s.programme.area.title_zh} {s.programme.area.title_en}\n{s.description_zh}\n{s.description_en}"
        )
        if s.is_synthetic:
            text += "\n示範資料（合成） Synthetic demo event."
        event.add("description", text.strip())
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mongkok-events.ics"'
    return response


events_ics.public = True
