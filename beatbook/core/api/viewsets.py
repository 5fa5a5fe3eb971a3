"""API base: a model viewset whose queryset is always restricted to the requesting user."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.response import Response

from beatbook.audit import recorder
from beatbook.core import context


class BeatbookModelViewSet(viewsets.ModelViewSet):
    """List/retrieve/create/update/delete with model permissions, handling code and unit scope applied."""

    queryset = None
    serializer_class = None
    filterset_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Token-authenticated requests are only known here, after DRF authentication.
        if request.user and request.user.is_authenticated:
            context.current().user = request.user

    def get_queryset(self):
        return self.queryset.all().visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page_objects", None)
        if page is not None:
            recorder.record_restricted_reads(page)
        return response

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.paginator is not None:
            self.paginator.page_objects = page
        return page

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        recorder.record_restricted_reads([obj])
        return Response(self.get_serializer(obj).data)

    def perform_create(self, serializer):
        extra = {}
        model = serializer.Meta.model
        for field in ("recorded_by", "author", "created_by"):
            if any(f.name == field for f in model._meta.fields) and field not in serializer.validated_data:
                extra[field] = self.request.user
        serializer.save(**extra)


class ReadOnlyBeatbookViewSet(BeatbookModelViewSet):
    http_method_names = ["get", "head", "options"]
