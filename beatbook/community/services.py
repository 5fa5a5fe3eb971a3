"""Bookings with a waiting list, attendance by tick or QR code, and certificates of attendance."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Attendance, Booking, Member, Session


@transaction.atomic
def book(session: Session, member: Member) -> Booking:
    """Book ``member`` on ``session``: a place if one is left, else the end of the waiting list."""
    if member.programme_id != session.programme_id:
        raise ValidationError(_("The member belongs to another programme."))
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("The session is cancelled."))
    # Lock the session row so two bookings cannot take the last place at once.
    Session.objects.select_for_update().filter(pk=session.pk).first()
    booking = Booking.objects.filter(session=session, member=member).first()
    if booking and booking.status != Booking.Status.CANCELLED:
        return booking
    status = Booking.Status.BOOKED if session.places_left() > 0 else Booking.Status.WAITING
    if booking is None:
        return Booking.objects.create(
            session=session, member=member, status=status, is_synthetic=member.is_synthetic
        )
    from django.utils import timezone

    booking.status, booking.requested_at = status, timezone.now()
    booking.save()
    return booking


@transaction.atomic
def cancel(booking: Booking) -> Booking | None:
    """Cancel ``booking``; the first on the waiting list takes a freed place. Returns who was promoted."""
    was_booked = booking.status == Booking.Status.BOOKED
    booking.status = Booking.Status.CANCELLED
    booking.save()
    if was_booked:
        return promote_waiting(booking.session)
    return None


def promote_waiting(session: Session) -> Booking | None:
    """Move the longest-waiting booking onto the session if a place is free."""
    if session.places_left() <= 0:
        return None
    nxt = session.bookings.filter(status=Booking.Status.WAITING).order_by("requested_at", "pk").first()
    if nxt is not None:
        nxt.status = Booking.Status.BOOKED
        nxt.save()
    return nxt


def mark_attendance(
    session: Session, member: Member, user=None, method: str = Attendance.Method.TICK
) -> Attendance:
    """Record ``member`` present (idempotent); the session counts as held from its first attendance."""
    if member.programme_id != session.programme_id:
        raise ValidationError(_("The member belongs to another programme."))
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("The session is cancelled."))
    attendance, _created = Attendance.objects.get_or_create(
        session=session, member=member, defaults={"method": method, "recorded_by": user}
    )
    if session.status != Session.Status.HELD:
        session.status = Session.Status.HELD
        session.save(update_fields=["status", "updated_at"])
    return attendance


def member_by_code(session: Session, code: str) -> Member:
    """The member of the session's programme whose QR code is ``code``."""
    code = (code or "").strip()
    member = Member.objects.filter(programme_id=session.programme_id, qr_token=code).first()
    if member is None:
        raise ValidationError(_("No member of this programme has that code."))
    return member


def qr_svg(member: Member, scale: int = 6) -> str:
    """The member's QR code (their token, not their name) as SVG."""
    import segno

    out = io.BytesIO()
    segno.make(member.qr_token, error="m").save(out, kind="svg", scale=scale, xmldecl=False)
    return out.getvalue().decode()


def certificate_pdf(member: Member, attendances) -> bytes:
    """A certificate of attendance (Chinese and English) listing the sessions attended."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "MSung-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    programme = member.programme
    pdf.setTitle(f"Certificate of attendance - {programme.code}")
    pdf.setFont("MSung-Light", 22)
    pdf.drawCentredString(width / 2, height - 90, "出席證明書 Certificate of Attendance")
    pdf.setFont("MSung-Light", 13)
    pdf.drawCentredString(width / 2, height - 120, f"{programme.area.title_zh} {programme.area.title_en}")
    pdf.drawString(60, height - 170, f"茲證明 This is to certify that {member.name}")
    rows = list(attendances)
    pdf.drawString(
        60, height - 192, f"出席了以下 {len(rows)} 節活動 attended the following {len(rows)} sessions:"
    )
    y = height - 225
    pdf.setFont("MSung-Light", 10)
    for attendance in rows:
        session = attendance.session
        pdf.drawString(70, y, f"{session.date.isoformat()}  {session.title_zh}  {session.title_en}"[:110])
        y -= 15
        if y < 90:
            pdf.showPage()
            pdf.setFont("MSung-Light", 10)
            y = height - 60
    pdf.setFont("MSung-Light", 9)
    if member.is_synthetic:
        pdf.drawString(60, 50, "示範資料（合成） Synthetic demo record - not a real certificate.")
    pdf.drawString(60, 36, "旺角警區 Mong Kok Police District")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
