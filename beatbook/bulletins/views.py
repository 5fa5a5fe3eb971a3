"""Bulletin pages: write, submit, approve (not your own), schedule and send; read receipts; the public
page and Atom feed; the partner inbox where partner users acknowledge bulletins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views import View

from beatbook.core import views as generic

from . import filtersets, forms, services, tables
from .models import Acknowledgement, Bulletin, ChannelKind, Delivery, Webhook
from .public import public_bulletins


class BulletinListView(generic.ObjectListView):
    queryset = Bulletin.objects.select_related("objective", "author")
    filterset = filtersets.BulletinFilterSet
    table = tables.BulletinTable


class BulletinDetailView(generic.ObjectDetailView):
    queryset = Bulletin.objects.select_related("objective", "author", "approved_by")

    def get_extra_context(self, obj):
        user = self.request.user
        portal = (
            Delivery.objects.visible_to(user)
            .filter(bulletin=obj, channel=ChannelKind.PORTAL)
            .select_related("organisation")
            .order_by("organisation__name_zh")
        )
        acks = {
            a.organisation_id: a for a in Acknowledgement.objects.filter(bulletin=obj).select_related("user")
        }
        receipts = [{"delivery": d, "ack": acks.get(d.organisation_id)} for d in portal]
        counts = dict(
            Delivery.objects.visible_to(user)
            .filter(bulletin=obj)
            .values_list("channel")
            .annotate(n=Count("pk"))
            .values_list("channel", "n")
        )
        return {
            "receipts": receipts,
            "read": sum(1 for r in receipts if r["ack"]),
            "channel_counts": counts,
            "targets": services.recipients(obj)
            if obj.status
            in (
                Bulletin.Status.DRAFT,
                Bulletin.Status.SUBMITTED,
                Bulletin.Status.APPROVED,
                Bulletin.Status.REJECTED,
            )
            else None,
            "can_submit": user.has_perm("bulletins.change_bulletin")
            and obj.status in (Bulletin.Status.DRAFT, Bulletin.Status.REJECTED),
            "can_approve": services.can_approve(obj, user) and obj.status == Bulletin.Status.SUBMITTED,
            "own_bulletin": obj.author_id == user.pk,
            "can_change": user.has_perm("bulletins.change_bulletin")
            and obj.status in (Bulletin.Status.DRAFT, Bulletin.Status.REJECTED),
        }


class BulletinEditView(generic.ObjectEditView):
    queryset = Bulletin.objects.all()
    form = forms.BulletinForm


class BulletinActionView(generic.ModelPermissionMixin, View):
    """POST submit / approve / reject / send-now. Approval needs approve_bulletin and not being the writer."""

    queryset = Bulletin.objects.all()
    action = "change"
    verb = "submit"

    def dispatch(self, request, *args, **kwargs):
        # Approving is a supervisor's permission, not "change": it is checked in services.approve.
        if self.verb in ("approve", "reject"):
            self.action = "view"
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return redirect("bulletins:bulletin_detail", pk=kwargs["pk"])

    def post(self, request, pk):
        verb = self.verb
        bulletin = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            if verb == "submit":
                services.submit(bulletin, request.user)
                messages.success(request, _("Sent for approval."))
            elif verb == "approve":
                services.approve(bulletin, request.user)
                messages.success(request, _("Approved."))
            elif verb == "reject":
                services.reject(bulletin, request.user)
                messages.success(request, _("Returned to the writer."))
            else:
                raise ValidationError(_("Unknown action."))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return render(
                request, "bulletins/refused.html", {"bulletin": bulletin, "reason": str(exc)}, status=403
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("bulletins:bulletin_detail", pk=pk)


class WebhookListView(generic.ObjectListView):
    queryset = Webhook.objects.all()
    filterset = filtersets.WebhookFilterSet
    table = tables.WebhookTable


class WebhookDetailView(generic.ObjectDetailView):
    queryset = Webhook.objects.all()


class WebhookEditView(generic.ObjectEditView):
    queryset = Webhook.objects.all()
    form = forms.WebhookForm


class DeliveryListView(generic.ObjectListView):
    queryset = Delivery.objects.select_related("bulletin", "organisation")
    filterset = filtersets.DeliveryFilterSet
    table = tables.DeliveryTable


class DeliveryDetailView(generic.ObjectDetailView):
    queryset = Delivery.objects.select_related("bulletin", "organisation")


class AcknowledgementListView(generic.ObjectListView):
    queryset = Acknowledgement.objects.select_related("bulletin", "organisation", "user")
    filterset = filtersets.AcknowledgementFilterSet
    table = tables.AcknowledgementTable


class AcknowledgementDetailView(generic.ObjectDetailView):
    queryset = Acknowledgement.objects.select_related("bulletin", "organisation", "user")


# partner inbox ----------------------------------------------------------------------------------
@login_required
def inbox(request):
    """Bulletins sent to the signed-in partner user's organisation, with a "read" button."""
    if not request.user.partner_id:
        raise PermissionDenied(_("The inbox is for partner users."))
    bulletins = services.bulletins_for_partner(request.user).order_by("-sent_at")[:50]
    read = set(
        Acknowledgement.objects.filter(organisation_id=request.user.partner_id).values_list(
            "bulletin_id", flat=True
        )
    )
    return render(
        request,
        "bulletins/inbox.html",
        {"bulletins": bulletins, "read": read, "title": _("Bulletins for your organisation")},
    )


@login_required
def acknowledge(request, pk):
    """A partner user confirms they have read a bulletin delivered to their organisation."""
    if request.method != "POST":
        return redirect("bulletins:inbox") if request.user.partner_id else redirect("core:home")
    if not request.user.partner_id:
        raise PermissionDenied(_("Only partner users acknowledge bulletins."))
    bulletin = get_object_or_404(services.bulletins_for_partner(request.user), pk=pk)
    Acknowledgement.objects.get_or_create(
        bulletin=bulletin, user=request.user, defaults={"organisation_id": request.user.partner_id}
    )
    messages.success(request, _("Thank you: marked as read."))
    return redirect("bulletins:inbox")


acknowledge.model = Bulletin


# public -----------------------------------------------------------------------------------------
def public_list(request):
    return render(
        request,
        "bulletins/public.html",
        {"bulletins": public_bulletins()[:50], "title": "防罪資訊 Crime-prevention bulletins"},
    )


public_list.public = True


class BulletinFeed(Feed):
    """Atom feed of public bulletins (both languages in each entry)."""

    feed_type = Atom1Feed
    title = "旺角警區防罪資訊 Mong Kok District crime-prevention bulletins"
    subtitle = "Beatbook e-platform"

    def link(self):
        return reverse("bulletins:public")

    def items(self):
        return public_bulletins()[:50]

    def item_title(self, item):
        return f"{item.title_zh} {item.title_en}"

    def item_description(self, item):
        return f"{item.body_zh}\n\n{item.body_en}"

    def item_link(self, item):
        return reverse("bulletins:public") + f"#b{item.pk}"

    def item_pubdate(self, item):
        return item.sent_at

    def item_updateddate(self, item):
        return item.updated_at


feed = BulletinFeed()
feed.public = True
