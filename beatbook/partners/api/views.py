from beatbook.core.api.viewsets import BeatbookModelViewSet
from beatbook.partners import filtersets
from beatbook.partners.models import Contact, Organisation, Outreach

from . import serializers


class OrganisationViewSet(BeatbookModelViewSet):
    queryset = Organisation.objects.prefetch_related("programmes")
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet


class ContactViewSet(BeatbookModelViewSet):
    queryset = Contact.objects.select_related("organisation")
    serializer_class = serializers.ContactSerializer
    filterset_class = filtersets.ContactFilterSet


class OutreachViewSet(BeatbookModelViewSet):
    queryset = Outreach.objects.select_related("organisation")
    serializer_class = serializers.OutreachSerializer
    filterset_class = filtersets.OutreachFilterSet
