from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet
from beatbook.geo.boundaries import AreaError
from beatbook.roads import filtersets
from beatbook.roads.analysis import AnalysisInputError
from beatbook.roads.models import Accident, Casualty, EnforcementOperation, Vehicle
from beatbook.roads.services import db_blacksites, db_summary, parse_area, parse_date

from . import serializers

_AREA = [
    OpenApiParameter("area", str, description="mongkok, yau_tsim_mong or constituency codes E06,E07"),
    OpenApiParameter("from", str, description="YYYY-MM-DD, inclusive"),
    OpenApiParameter("to", str, description="YYYY-MM-DD, inclusive"),
]


class AccidentViewSet(ReadOnlyBeatbookViewSet):
    queryset = Accident.objects.all()
    serializer_class = serializers.AccidentSerializer
    filterset_class = filtersets.AccidentFilterSet

    def _area_period(self, request):
        try:
            area = parse_area(request.query_params.get("area", "mongkok")[:200], allow_files=False)
            return (
                area,
                parse_date(request.query_params.get("from"), "from"),
                parse_date(request.query_params.get("to"), "to"),
            )
        except (AreaError, ValueError) as exc:
            raise ValidationError({"detail": str(exc)})

    @extend_schema(parameters=_AREA, responses=OpenApiTypes.OBJECT, filters=False)
    @action(detail=False, pagination_class=None, filterset_class=None)
    def summary(self, request):
        """The road-safety summary (same figures as ``beatbook roads summary``) from the records you may see."""
        area, date_from, date_to = self._area_period(request)
        try:
            return Response(db_summary(area, date_from, date_to, user=request.user))
        except AnalysisInputError as exc:
            raise ValidationError({"detail": str(exc)})

    @extend_schema(
        parameters=[
            *_AREA,
            OpenApiParameter("radius", float),
            OpenApiParameter("top", int),
            OpenApiParameter("group", str, many=True),
            OpenApiParameter("severity", str, many=True),
        ],
        responses=OpenApiTypes.OBJECT,
        filters=False,
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def blacksites(self, request):
        """Black sites ranked by accidents and KSI within the radius (same as ``beatbook roads blacksites``)."""
        area, date_from, date_to = self._area_period(request)
        try:
            radius = float(request.query_params.get("radius") or 50)
            top = int(request.query_params.get("top") or 20)
            sites = db_blacksites(
                area,
                date_from,
                date_to,
                radius=radius,
                top=top,
                groups=request.query_params.getlist("group") or None,
                severities=request.query_params.getlist("severity") or None,
                user=request.user,
            )
        except (AnalysisInputError, ValueError) as exc:
            raise ValidationError({"detail": str(exc)})
        return Response({"sites": sites})


class CasualtyViewSet(ReadOnlyBeatbookViewSet):
    queryset = Casualty.objects.all()
    serializer_class = serializers.CasualtySerializer
    filterset_class = filtersets.CasualtyFilterSet


class VehicleViewSet(ReadOnlyBeatbookViewSet):
    queryset = Vehicle.objects.all()
    serializer_class = serializers.VehicleSerializer
    filterset_class = filtersets.VehicleFilterSet


class EnforcementOperationViewSet(BeatbookModelViewSet):
    queryset = EnforcementOperation.objects.select_related("objective", "unit")
    serializer_class = serializers.EnforcementOperationSerializer
    filterset_class = filtersets.EnforcementOperationFilterSet
