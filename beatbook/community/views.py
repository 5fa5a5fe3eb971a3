"""Programme pages: programmes, staff, members (audited, need-to-know), sessions, bookings with a
waiting list, phone-friendly attendance (tick list or QR code), certificates, and the public page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from beatbook.audit import recorder
from beatbook.core import views as generic

from . import filtersets, forms, services, tables
from .models import (
    Ambassador,
    AmbassadorAssignment,
    Attendance,
    Booking,
    Member,
    Programme,
    ProgrammeStaff,
    Session,
)


def audit_personal_view(obj) -> None:
    """Every view of a member's data is logged (restricted rows are already logged by the generic views)."""
    if not obj.is_restricted:
        recorder.record_personal_data_view(obj)


# programmes -------------------------------------------------------------------------------------
class ProgrammeListView(generic.ObjectListView):
    queryset = Programme.objects.select_related("area")
    filterset = filtersets.ProgrammeFilterSet
    table = tables.ProgrammeTable


class ProgrammeDetailView(generic.ObjectDetailView):
    queryset = Programme.objects.select_related("area")

    def get_extra_context(self, obj):
        user = self.request.user
        today = timezone.localdate()
        members = Member.objects.filter(programme=obj).countable_by(user)
        return {
            "today": today,
            "window_start": obj.window_start(today),
            "enrolled": members.enrolled(today).count(),
            "active": members.active(today).count(),
            "active_ambassadors": Ambassador.active_qs(
                Ambassador.objects.visible_to(user), obj, today
            ).count(),
            "ambassadors": Ambassador.objects.visible_to(user).filter(programme=obj).count(),
            "upcoming": Session.objects.restrict(user, "view")
            .filter(programme=obj, date__gte=today)
            .order_by("date", "start_time")[:10],
            "staff": ProgrammeStaff.objects.visible_to(user).filter(programme=obj).select_related("user"),
            "is_staff_of_programme": ProgrammeStaff.objects.filter(programme=obj, user=user).exists(),
        }


class ProgrammeEditView(generic.ObjectEditView):
    queryset = Programme.objects.all()
    form = forms.ProgrammeForm


class ProgrammeStaffListView(generic.ObjectListView):
    queryset = ProgrammeStaff.objects.select_related("programme", "user")
    filterset = filtersets.ProgrammeStaffFilterSet
    table = tables.ProgrammeStaffTable


class ProgrammeStaffDetailView(generic.ObjectDetailView):
    queryset = ProgrammeStaff.objects.select_related("programme", "user")


class ProgrammeStaffEditView(generic.ObjectEditView):
    queryset = ProgrammeStaff.objects.all()
    form = forms.ProgrammeStaffForm


class ProgrammeStaffDeleteView(generic.ObjectDeleteView):
    queryset = ProgrammeStaff.objects.all()


# members ----------------------------------------------------------------------------------------
class MemberListView(generic.ObjectListView):
    queryset = Member.objects.select_related("programme")
    filterset = filtersets.MemberFilterSet
    table = tables.MemberTable
    export_fields = [
        "id",
        "programme_id",
        "name",
        "age_band",
        "language",
        "channel",
        "referral_source",
        "referral_date",
        "enrolled_on",
        "left_on",
        "is_synthetic",
    ]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # A list of members is personal data too: log who looked (one entry per page view).
        recorder.record(
            "view", model="community.member", object_repr=f"member list {request.GET.urlencode()}"[:300]
        )
        return response


class MemberDetailView(generic.ObjectDetailView):
    queryset = Member.objects.select_related("programme__area")

    def get_extra_context(self, obj):
        audit_personal_view(obj)
        today = timezone.localdate()
        return {
            "status": obj.status(today),
            "recent": obj.recent_sessions(today),
            "window_start": obj.programme.window_start(today),
            "attendances": obj.attendances.select_related("session").order_by("-session__date")[:50],
            "bookings": obj.bookings.select_related("session").order_by("-session__date")[:20],
            "qr_svg": services.qr_svg(obj, scale=4),
        }


class MemberEditView(generic.ObjectEditView):
    queryset = Member.objects.all()
    form = forms.MemberForm

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        if obj.pk:
            audit_personal_view(obj)
        return self.render_form(self.make_form(obj), obj)


class MemberCertificateView(generic.ObjectDetailView):
    """Certificate of attendance as PDF (reportlab, Chinese via the MSung-Light CID font)."""

    queryset = Member.objects.select_related("programme__area")

    def get(self, request, *args, **kwargs):
        member = self.get_object()
        recorder.record_restricted_reads([member])
        audit_personal_view(member)
        attendances = member.attendances.select_related("session").order_by("session__date")
        pdf = services.certificate_pdf(member, attendances)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="certificate-{member.pk}.pdf"'
        return response


class MemberQrView(generic.ObjectDetailView):
    queryset = Member.objects.all()

    def get(self, request, *args, **kwargs):
        member = self.get_object()
        recorder.record_restricted_reads([member])
        audit_personal_view(member)
        return HttpResponse(services.qr_svg(member), content_type="image/svg+xml")


# ambassadors ------------------------------------------------------------------------------------
class AmbassadorListView(generic.ObjectListView):
    queryset = Ambassador.objects.select_related("staff", "programme")
    filterset = filtersets.AmbassadorFilterSet
    table = tables.AmbassadorTable


class AmbassadorDetailView(generic.ObjectDetailView):
    queryset = Ambassador.objects.select_related("staff", "programme")

    def get_extra_context(self, obj):
        return {"assignments": obj.assignments.select_related("session")[:50]}


class AmbassadorEditView(generic.ObjectEditView):
    queryset = Ambassador.objects.all()
    form = forms.AmbassadorForm


class AmbassadorAssignmentListView(generic.ObjectListView):
    queryset = AmbassadorAssignment.objects.select_related(
        "ambassador__staff", "ambassador__programme", "session"
    )
    filterset = filtersets.AmbassadorAssignmentFilterSet
    table = tables.AmbassadorAssignmentTable


class AmbassadorAssignmentDetailView(generic.ObjectDetailView):
    queryset = AmbassadorAssignment.objects.select_related("ambassador__staff", "session")


class AmbassadorAssignmentEditView(generic.ObjectEditView):
    queryset = AmbassadorAssignment.objects.all()
    form = forms.AmbassadorAssignmentForm


# sessions ---------------------------------------------------------------------------------------
class SessionListView(generic.ObjectListView):
    queryset = Session.objects.select_related("programme")
    filterset = filtersets.SessionFilterSet
    table = tables.SessionTable


class SessionDetailView(generic.ObjectDetailView):
    queryset = Session.objects.select_related("programme__area", "instructor_staff", "objective")

    def get_extra_context(self, obj):
        user = self.request.user
        bookings = Booking.objects.visible_to(user).filter(session=obj).select_related("member")
        return {
            "booked": [b for b in bookings if b.status == Booking.Status.BOOKED],
            "waiting": [b for b in bookings if b.status == Booking.Status.WAITING],
            "attendance_count": obj.attendances.count(),
            "assignments": obj.ambassador_assignments.select_related("ambassador__staff"),
            "can_take_attendance": user.has_perm("community.add_attendance")
            and ProgrammeStaff.objects.filter(programme=obj.programme, user=user).exists(),
            "can_book": user.has_perm("community.add_booking"),
        }


class SessionEditView(generic.ObjectEditView):
    queryset = Session.objects.all()
    form = forms.SessionForm


class SessionDeleteView(generic.ObjectDeleteView):
    queryset = Session.objects.all()


class SessionAttendanceView(generic.ModelPermissionMixin, View):
    """Take attendance on a phone: tick the booked members, or enter/scan a member's QR code."""

    queryset = Session.objects.select_related("programme__area")
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("community.add_attendance"):
            raise PermissionDenied(_("You do not have permission to do that."))
        return super().dispatch(request, *args, **kwargs)

    def get_session(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def members(self, session):
        # Booked members first, then everyone else in the programme (walk-ins can be ticked too).
        visible = Member.objects.visible_to(self.request.user).filter(programme=session.programme_id)
        visible = visible.enrolled(session.date)
        booked_ids = set(
            session.bookings.filter(status=Booking.Status.BOOKED).values_list("member_id", flat=True)
        )
        present = set(session.attendances.values_list("member_id", flat=True))
        rows = [{"member": m, "booked": m.pk in booked_ids, "present": m.pk in present} for m in visible]
        rows.sort(key=lambda r: (not r["booked"], r["member"].name))
        return rows

    def get(self, request, *args, **kwargs):
        session = self.get_session()
        recorder.record_restricted_reads([session])
        rows = self.members(session)
        recorder.record(
            "view",
            model="community.member",
            object_repr=f"attendance list of session {session.pk} ({len(rows)} members)",
        )
        return render(
            request,
            "community/attendance_take.html",
            {
                "session": session,
                "rows": rows,
                "form": forms.AttendanceCodeForm(),
                "present_count": sum(r["present"] for r in rows),
            },
        )

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        visible = Member.objects.visible_to(request.user).filter(programme=session.programme_id)
        try:
            if request.POST.get("code"):
                member = services.member_by_code(session, request.POST["code"])
                if not visible.filter(pk=member.pk).exists():
                    raise ValidationError(_("No member of this programme has that code."))
                services.mark_attendance(session, member, request.user, method=Attendance.Method.QR)
                messages.success(request, _("%(name)s marked present.") % {"name": member.name})
            else:
                ticked = {int(x) for x in request.POST.getlist("member") if x.isdigit()}
                added = 0
                for member in visible.filter(pk__in=ticked):
                    services.mark_attendance(session, member, request.user)
                    added += 1
                messages.success(request, _("%(n)s members marked present.") % {"n": added})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("community:session_attendance", pk=session.pk)


class BookingListView(generic.ObjectListView):
    queryset = Booking.objects.select_related("session", "member")
    filterset = filtersets.BookingFilterSet
    table = tables.BookingTable


class BookingDetailView(generic.ObjectDetailView):
    queryset = Booking.objects.select_related("session", "member")


class BookingEditView(generic.ObjectEditView):
    """New booking: a place or the waiting list, decided by the session's capacity."""

    queryset = Booking.objects.all()
    form = forms.BookingForm

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.make_form(obj, request.POST)
        if not form.is_valid():
            return self.render_form(form, obj)
        try:
            booking = services.book(form.cleaned_data["session"], form.cleaned_data["member"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(form, obj)
        if booking.status == Booking.Status.WAITING:
            messages.warning(request, _("The session is full: put on the waiting list."))
        else:
            messages.success(request, _("Booked."))
        return redirect(booking.session.get_absolute_url())


class BookingCancelView(generic.ModelPermissionMixin, View):
    queryset = Booking.objects.all()
    action = "change"

    def post(self, request, *args, **kwargs):
        booking = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        promoted = services.cancel(booking)
        if promoted:
            messages.success(
                request,
                _("Cancelled; %(name)s moved up from the waiting list.") % {"name": promoted.member.name},
            )
        else:
            messages.success(request, _("Cancelled."))
        return redirect(booking.session.get_absolute_url())

    def get(self, request, *args, **kwargs):
        get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return HttpResponse(status=405)


class AttendanceListView(generic.ObjectListView):
    queryset = Attendance.objects.select_related("session", "member")
    filterset = filtersets.AttendanceFilterSet
    table = tables.AttendanceTable


class AttendanceDetailView(generic.ObjectDetailView):
    queryset = Attendance.objects.select_related("session", "member")


# public -----------------------------------------------------------------------------------------
def public_page(request):
    """Upcoming public events and recent public bulletins, shown in both languages (no sign-in)."""
    today = timezone.localdate()
    sessions = (
        Session.objects.filter(is_public=True, date__gte=today, handling_code="normal")
        .exclude(status=Session.Status.CANCELLED)
        .select_related("programme__area")
        .order_by("date", "start_time")[:30]
    )
    bulletins = []
    try:
        from beatbook.bulletins.public import public_bulletins

        bulletins = list(public_bulletins()[:10])
    except ImportError:  # bulletins app not installed
        pass
    return render(
        request,
        "community/public.html",
        {
            "sessions": sessions,
            "bulletins": bulletins,
            "title": "社區活動及防罪資訊 Community events and bulletins",
        },
    )


public_page.public = True
