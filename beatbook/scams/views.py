"""Pages: the public checker and message analyser, the report form, the officer triage queue, the partner
portal, the Atom feed of alerts, and staff lists over the generic views."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from beatbook.audit import recorder
from beatbook.core import views as generic
from beatbook.core.models import HandlingCode

from . import filtersets, forms, services, tables
from .engine.allowlist import official_channels
from .engine.messages import advice_for
from .models import (
    TYPE_LABELS,
    Alert,
    AlertSubscription,
    ImportBatch,
    Indicator,
    LookupCounter,
    Report,
    Sighting,
)


class PublicCheckThrottle(SimpleRateThrottle):
    """Per-client limit for the public checker and analyser (scope ``public_check``).

    The rate is read at request time from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["public_check"]``
    (env ``BEATBOOK_PUBLIC_CHECK_RATE``), so a benchmark or a test can change it. Clients are told apart
    by address only (signed-in or not), and the address is kept only in the cache for the window.
    """

    scope = "public_check"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttled(request) -> bool:
    """True when this client has used up its public-check allowance (for the HTML pages)."""
    return not PublicCheckThrottle().allow_request(request, None)


def _lang_en() -> bool:
    return (get_language() or "zh-hant").startswith("en")


def _too_many(request, template: str, context: dict):
    context["error"] = _("Too many checks from your connection. Please wait a minute and try again.")
    response = render(request, template, context, status=429)
    return response


def _reason_text(reason: dict) -> str:
    return reason.get("en") if _lang_en() else reason.get("zh")


def public_context() -> dict:
    return {"channels": official_channels(), "lang_en": _lang_en()}


# --------------------------------------------------------------------------------------------------
# Public pages
# --------------------------------------------------------------------------------------------------


def check_page(request):
    """The public scam checker: no sign-in, phone-friendly, both languages, throttled per client."""
    context = {"form": forms.CheckForm(), **public_context(), "title": _("Scam checker")}
    if request.method == "POST":
        form = forms.CheckForm(request.POST)
        context["form"] = form
        if throttled(request):
            return _too_many(request, "scams/check.html", context)
        if form.is_valid():
            try:
                verdict = services.check(form.cleaned_data["value"], form.cleaned_data["type"] or None)
                context["verdict"] = verdict
                context["reasons"] = [_reason_text(r) for r in verdict["reasons"]]
                context["label"] = verdict["label_en"] if _lang_en() else verdict["label_zh"]
                context["type_label"] = TYPE_LABELS.get(verdict["type"], verdict["type"])
            except services.CheckError as exc:
                form.add_error("value", [_reason_text(e) for e in exc.errors])
        else:
            return render(request, "scams/check.html", context, status=400)
    return render(request, "scams/check.html", context)


check_page.public = True


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict]:
    """Split ``text`` into segments; spans (start, end, kind, title) become marked segments (no overlaps)."""
    segments, pos = [], 0
    for start, end, kind, title in sorted(spans):
        if start < pos or end <= start:
            continue
        if start > pos:
            segments.append({"text": text[pos:start]})
        segments.append({"text": text[start:end], "kind": kind, "title": title})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:]})
    return segments


def analysis_context(text: str, result: dict) -> dict:
    """Template-ready view of an analysis: highlighted text, values with verdicts, type and four steps."""
    en = _lang_en()
    spans = [(f["start"], f["end"], "flag", f["en"] if en else f["zh"]) for f in result["red_flags"]]
    for ind in result["indicators"]:
        label = ind["verdict"]["label_en"] if en else ind["verdict"]["label_zh"]
        spans += [(s, e, "value", label) for s, e in ind["spans"]]
    flags, seen = [], set()
    for f in result["red_flags"]:
        if f["code"] not in seen:
            seen.add(f["code"])
            flags.append(f["en"] if en else f["zh"])
    return {
        "segments": highlight(text, spans),
        "flags": flags,
        "values": [
            {
                "display": i["display"],
                "type": str(TYPE_LABELS.get(i["type"], i["type"])),
                "verdict": i["verdict"],
                "label": i["verdict"]["label_en"] if en else i["verdict"]["label_zh"],
                "reasons": [_reason_text(r) for r in i["verdict"]["reasons"]],
            }
            for i in result["indicators"]
        ],
        "scam_type": (result["scam_type"]["en"] if en else result["scam_type"]["zh"])
        if result["scam_type"]
        else "",
        "steps": [
            {"title": s["title_en"] if en else s["title_zh"], "text": s["en"] if en else s["zh"]}
            for s in result["advice"]
        ],
        "suspicious": result["suspicious"],
        "level": result["level"],
        "label": result["label_en"] if en else result["label_zh"],
        "probability": (result["classifier"] or {}).get("probability"),
    }


def analyze_page(request):
    """The message analyser: red flags highlighted, every value checked, scam type, the four steps."""
    context = {
        "form": forms.AnalyzeForm(),
        **public_context(),
        "title": _("Message analyser"),
        "steps": [
            {
                "title": s["title_en"] if _lang_en() else s["title_zh"],
                "text": s["en"] if _lang_en() else s["zh"],
            }
            for s in advice_for(None)
        ],
    }
    if request.method == "POST":
        form = forms.AnalyzeForm(request.POST)
        context["form"] = form
        if throttled(request):
            return _too_many(request, "scams/analyze.html", context)
        if not form.is_valid():
            return render(request, "scams/analyze.html", context, status=400)
        text = form.cleaned_data["text"]
        try:
            context["analysis"] = analysis_context(text, services.analyze(text))
        except services.CheckError as exc:
            form.add_error("text", [_reason_text(e) for e in exc.errors])
    return render(request, "scams/analyze.html", context)


analyze_page.public = True


def report_page(request):
    """Report a suspicious value or message (public; a signed-in partner user reports for their org)."""
    user = request.user
    organisation = getattr(user, "partner", None) if user.is_authenticated else None
    form = forms.ReportForm(
        request.POST or None,
        initial={k: request.GET[k][:2048] for k in ("value", "value_type") if k in request.GET},
    )
    context = {
        "form": form,
        **public_context(),
        "title": _("Report a suspected scam"),
        "organisation": organisation,
    }
    if request.method == "POST":
        if throttled(request):
            return _too_many(request, "scams/report_form.html", context)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_report(
                    value=data["value"],
                    text=data["message_text"],
                    value_type=data["value_type"] or None,
                    account_name=data["account_name"],
                    description=data["description"],
                    channel=Report.Channel.PARTNER if organisation else Report.Channel.PUBLIC,
                    organisation=organisation,
                    user=user,
                )
            except ValidationError as exc:
                for fieldname, errs in (
                    exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
                ):
                    form.add_error(fieldname if fieldname in form.fields else None, errs)
                return render(request, "scams/report_form.html", context, status=400)
            messages.success(
                request, _("Thank you. Your report was received and will be reviewed by officers.")
            )
            return redirect("scams:portal" if organisation else "scams:report")
        return render(request, "scams/report_form.html", context, status=400)
    return render(request, "scams/report_form.html", context)


report_page.public = True


def alerts_feed(request):
    """Atom feed of published alerts, filtered by ``?type=`` and ``?audience=`` (public: never restricted)."""
    alerts = Alert.objects.exclude(handling_code=HandlingCode.RESTRICTED).select_related("indicator")
    kind = request.GET.get("type", "")[:20]
    audience = request.GET.get("audience", "")[:32]
    if kind:
        alerts = alerts.filter(indicator_type=kind)
    rows = list(alerts[:500])
    if audience:
        rows = [a for a in rows if not a.audiences or audience in a.audiences]
    rows = rows[:100]
    en = _lang_en()
    feed = Atom1Feed(
        title=_("Mong Kok District scam alerts"),
        link=request.build_absolute_uri(reverse("scams:check")),
        description=_("Values confirmed by officers as linked to scams."),
        language=get_language(),
        feed_url=request.build_absolute_uri(),
    )
    for alert in rows:
        feed.add_item(
            title=alert.title_en if en else alert.title_zh,
            link=request.build_absolute_uri(reverse("scams:check")),
            description=(alert.body_en if en else alert.body_zh)
            + (" [synthetic demo data]" if alert.is_synthetic else ""),
            unique_id=f"tag:beatbook,2024:scams-alert-{alert.pk}",
            pubdate=alert.published_at,
            updateddate=alert.published_at,
            categories=[alert.indicator_type, *alert.audiences],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


alerts_feed.public = True


# --------------------------------------------------------------------------------------------------
# Officers: triage queue and review
# --------------------------------------------------------------------------------------------------


@login_required
def triage_queue(request):
    """New reports, highest score first; confirm or reject each (every change audited)."""
    if not request.user.has_perm("scams.change_report"):
        raise PermissionDenied
    qs = (
        Report.objects.restrict(request.user, "view")
        .filter(status=Report.Status.NEW)
        .select_related("indicator", "reporter_org")
        .order_by("-triage_score", "created_at")
    )
    reports = list(qs[:100])
    recorder.record_restricted_reads(reports)
    return render(
        request,
        "scams/triage.html",
        {
            "reports": reports,
            "total": qs.count(),
            "title": _("Triage queue"),
            "review_form": forms.ReviewForm(),
        },
    )


def _review(request, pk: int, action: str):
    if not request.user.has_perm("scams.change_report"):
        raise PermissionDenied
    report = get_object_or_404(Report.objects.restrict(request.user, "change"), pk=pk)
    form = forms.ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if action == "confirm":
        services.confirm_report(report, request.user, note)
        messages.success(request, _("Report #%(pk)s confirmed: its values are now high risk.") % {"pk": pk})
    else:
        services.reject_report(report, request.user, note)
        messages.success(request, _("Report #%(pk)s rejected.") % {"pk": pk})
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/scams/") else "scams:triage"
    )


@login_required
@require_POST
def report_confirm(request, pk):
    return _review(request, pk, "confirm")


report_confirm.model = Report


@login_required
@require_POST
def report_reject(request, pk):
    return _review(request, pk, "reject")


report_reject.model = Report


# --------------------------------------------------------------------------------------------------
# Partner portal
# --------------------------------------------------------------------------------------------------


def _bulk_rows(lines: list[str]) -> list[dict]:
    results = services.check_many(lines)
    rows = []
    for line, res in zip(lines, results, strict=True):
        if "error" in res:
            rows.append(
                {"value": line, "level": "error", "label": "; ".join(_reason_text(e) for e in res["error"])}
            )
        else:
            rows.append(
                {
                    "value": line,
                    "normalized": res["normalized"],
                    "type": res["type"],
                    "level": res["level"],
                    "label": res["label_en"] if _lang_en() else res["label_zh"],
                    "reasons": " / ".join(_reason_text(r) for r in res["reasons"]),
                }
            )
    return rows


@login_required
def portal(request):
    """A partner user's home: their organisation's reports, sightings and alerts, and the bulk check."""
    org = request.user.partner
    if org is None:
        if request.user.has_perm("scams.change_report"):
            return redirect("scams:triage")
        raise PermissionDenied(_("The partner portal is for users of a partner organisation."))
    context = {
        "org": org,
        "title": _("Partner portal"),
        "bulk_form": forms.BulkCheckForm(),
        "sighting_form": forms.SightingForm(),
        "can_bulk": request.user.has_perm("scams.bulk_check"),
    }
    if request.method == "POST" and request.POST.get("action") == "bulk":
        if not context["can_bulk"]:
            raise PermissionDenied
        form = forms.BulkCheckForm(request.POST, request.FILES)
        context["bulk_form"] = form
        if form.is_valid():
            rows = _bulk_rows(form.cleaned_data["lines"])
            if request.POST.get("download"):
                out = io.StringIO()
                writer = csv.writer(out)
                writer.writerow(["value", "type", "normalized", "level", "label", "reasons"])
                for r in rows:
                    writer.writerow(
                        [
                            r["value"],
                            r.get("type", ""),
                            r.get("normalized", ""),
                            r["level"],
                            r["label"],
                            r.get("reasons", ""),
                        ]
                    )
                response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = 'attachment; filename="bulk-check.csv"'
                return response
            context["bulk_rows"] = rows
    elif request.method == "POST" and request.POST.get("action") == "sighting":
        form = forms.SightingForm(request.POST)
        context["sighting_form"] = form
        if not request.user.has_perm("scams.add_sighting"):
            raise PermissionDenied
        if form.is_valid():
            try:
                item = services.normalize_input(form.cleaned_data["value"])
            except services.CheckError as exc:
                form.add_error("value", [_reason_text(e) for e in exc.errors])
            else:
                indicator = (
                    Indicator.objects.exclude(handling_code=HandlingCode.RESTRICTED)
                    .filter(type=item.type, normalized=item.normalized)
                    .first()
                )
                if indicator is None:
                    form.add_error("value", _("This value is not in the database; report it instead."))
                else:
                    services.add_sighting(
                        indicator, org, form.cleaned_data["kind"], form.cleaned_data["note"], request.user
                    )
                    messages.success(request, _("Sighting recorded."))
                    return redirect("scams:portal")
    # Only this organisation's records, and never RESTRICTED ones (partner users have no clearance).
    context["reports"] = (
        Report.objects.visible_to(request.user).filter(reporter_org=org).select_related("indicator")[:50]
    )
    context["sightings"] = (
        Sighting.objects.visible_to(request.user).filter(organisation=org).select_related("indicator")[:50]
    )
    subs = list(AlertSubscription.objects.visible_to(request.user).filter(organisation=org))
    context["subscriptions"] = subs
    alerts = Alert.objects.exclude(handling_code=HandlingCode.RESTRICTED)[:200]
    context["alerts"] = [a for a in alerts if not a.audiences or org.kind in a.audiences][:30]
    context["feed_url"] = reverse("scams:feed") + f"?audience={org.kind}"
    return render(request, "scams/portal.html", context)


# --------------------------------------------------------------------------------------------------
# Staff lists and details (generic views)
# --------------------------------------------------------------------------------------------------


class IndicatorListView(generic.ObjectListView):
    queryset = Indicator.objects.all()
    filterset = filtersets.IndicatorFilterSet
    table = tables.IndicatorTable
    export_fields = [
        "id",
        "type",
        "normalized",
        "display",
        "status",
        "partner_count",
        "report_count",
        "grading",
        "source_name",
        "first_seen",
        "last_seen",
        "expires_at",
        "is_synthetic",
    ]


class IndicatorDetailView(generic.ObjectDetailView):
    queryset = Indicator.objects.select_related("objective", "confirmed_by")

    def get_extra_context(self, obj):
        user = self.request.user
        try:
            verdict = services.check(obj.normalized, obj.type, count=False)
        except services.CheckError:
            verdict = None
        return {
            "verdict": verdict,
            "sources": obj.sources.restrict(user, "view")
            if user.has_perm("scams.view_indicatorsource")
            else obj.sources.visible_to(user),
            "reports": Report.objects.restrict(user, "view").filter(indicator=obj)[:50],
            "sightings": Sighting.objects.restrict(user, "view")
            .filter(indicator=obj)
            .select_related("organisation")[:50],
            "lookups": LookupCounter.objects.filter(type=obj.type, normalized=obj.normalized).order_by(
                "-day"
            )[:30]
            if user.has_perm("scams.view_lookupcounter")
            else [],
        }


class IndicatorEditView(generic.ObjectEditView):
    queryset = Indicator.objects.all()
    form = forms.IndicatorForm


class ReportListView(generic.ObjectListView):
    queryset = Report.objects.select_related("reporter_org", "indicator")
    filterset = filtersets.ReportFilterSet
    table = tables.ReportTable
    export_fields = [
        "id",
        "created_at",
        "channel",
        "value",
        "value_type",
        "triage_score",
        "status",
        "scam_type",
        "reporter_org",
        "reviewed_at",
        "is_synthetic",
    ]


class ReportDetailView(generic.ObjectDetailView):
    queryset = Report.objects.select_related("reporter_org", "indicator", "reviewed_by")

    def get_extra_context(self, obj):
        context = {
            "review_form": forms.ReviewForm(),
            "can_review": self.request.user.has_perm("scams.change_report"),
        }
        if obj.message_text:
            context["analysis"] = analysis_context(
                obj.message_text, services.analyze(obj.message_text, use_classifier=False)
            )
        return context


class SightingListView(generic.ObjectListView):
    queryset = Sighting.objects.select_related("indicator", "organisation")
    filterset = filtersets.SightingFilterSet
    table = tables.SightingTable


class SightingDetailView(generic.ObjectDetailView):
    queryset = Sighting.objects.select_related("indicator", "organisation")


class AlertSubscriptionListView(generic.ObjectListView):
    queryset = AlertSubscription.objects.select_related("organisation")
    filterset = filtersets.AlertSubscriptionFilterSet
    table = tables.AlertSubscriptionTable
    export_fields = [
        "id",
        "organisation",
        "name",
        "email",
        "webhook_url",
        "indicator_types",
        "audience",
        "min_level",
        "active",
    ]


class AlertSubscriptionDetailView(generic.ObjectDetailView):
    queryset = AlertSubscription.objects.select_related("organisation")


class AlertSubscriptionEditView(generic.ObjectEditView):
    queryset = AlertSubscription.objects.all()
    form = forms.AlertSubscriptionForm


class AlertSubscriptionDeleteView(generic.ObjectDeleteView):
    queryset = AlertSubscription.objects.all()


class ImportBatchListView(generic.ObjectListView):
    queryset = ImportBatch.objects.all()
    filterset = filtersets.ImportBatchFilterSet
    table = tables.ImportBatchTable


class ImportBatchDetailView(generic.ObjectDetailView):
    queryset = ImportBatch.objects.all()


@login_required
def lookup_list(request):
    """Daily lookup counts (no identity is ever stored): what the public is checking, most-checked first."""
    if not request.user.has_perm("scams.view_lookupcounter"):
        raise PermissionDenied
    filterset = filtersets.LookupCounterFilterSet(
        request.GET, queryset=LookupCounter.objects.order_by("-day", "-count")
    )
    qs = filterset.qs if filterset.is_valid() else LookupCounter.objects.none()
    table = tables.LookupCounterTable(qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "core/object_list.html",
        {
            "title": _("Lookups per day"),
            "table": table,
            "filterset": filterset,
            "opts": LookupCounter._meta,
            "model": LookupCounter,
            "total": qs.count(),
            "can_add": False,
            "today": timezone.localdate(),
        },
    )
