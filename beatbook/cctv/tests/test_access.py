"""Generic access/audit cases for the CCTV registry, plus: every access is audited."""

import pytest
from django.urls import reverse

from beatbook.audit.models import AuditEntry
from beatbook.testing import factories_cctv as fcc
from beatbook.testing.factories import make_user
from beatbook.testing.generic import ModelAccessTestCase, grant, signed_in

from ..models import BuildingSurvey, CameraSite, FootageRequest


class TestCameraSiteAccess(ModelAccessTestCase):
    model = CameraSite
    list_url = "cctv:camerasite_list"
    detail_url = "cctv:camerasite_detail"
    api_list_url = "cctv-api:camerasite-list"
    api_detail_url = "cctv-api:camerasite-detail"
    marker_field = "building"

    def make(self, **extra):
        return fcc.make_site(**extra)

    def change(self, obj):
        obj.retention_days = 31
        obj.save()


class TestFootageRequestAccess(ModelAccessTestCase):
    model = FootageRequest
    list_url = "cctv:footagerequest_list"
    detail_url = "cctv:footagerequest_detail"
    api_list_url = "cctv-api:footagerequest-list"
    api_detail_url = "cctv-api:footagerequest-detail"
    marker_field = "incident_reference"

    def make(self, **extra):
        return fcc.make_footage_request(**extra)

    def change(self, obj):
        obj.notes = "Chased by phone"
        obj.save()


class TestBuildingSurveyAccess(ModelAccessTestCase):
    model = BuildingSurvey
    list_url = "cctv:buildingsurvey_list"
    detail_url = "cctv:buildingsurvey_detail"
    api_list_url = "cctv-api:buildingsurvey-list"
    api_detail_url = "cctv-api:buildingsurvey-detail"
    marker_field = "building"

    def make(self, **extra):
        return fcc.make_survey(**extra)

    def change(self, obj):
        obj.recommendations = "Add a camera at the back door"
        obj.save()


@pytest.mark.django_db
def test_every_registry_and_footage_access_is_audited():
    site = fcc.make_site()
    request = fcc.make_footage_request(site=site)
    user = grant(grant(make_user(None), CameraSite, "view"), FootageRequest, "view")
    client = signed_in(user)
    mine = AuditEntry.objects.filter(username=user.username, action="view")
    steps = [
        reverse("cctv:camerasite_list"),
        reverse("cctv:camerasite_detail", kwargs={"pk": site.pk}),
        reverse("cctv:footagerequest_list"),
        reverse("cctv:footagerequest_detail", kwargs={"pk": request.pk}),
        reverse("cctv-api:camerasite-list"),
        reverse("cctv-api:footagerequest-detail", kwargs={"pk": request.pk}),
    ]
    for i, url in enumerate(steps, start=1):
        assert client.get(url).status_code == 200
        assert mine.count() == i, url
    assert mine.filter(model="cctv.footagerequest", object_id=str(request.pk)).count() == 2
