"""Every page of the four apps renders for a liaison officer (on all programmes), in both languages."""

import pytest
from django.urls import reverse

from beatbook.testing import factories as f
from beatbook.testing import factories_bulletins as fb
from beatbook.testing import factories_cctv as fcc
from beatbook.testing import factories_community as fc
from beatbook.testing import factories_partners as fp
from beatbook.testing.generic import signed_in

PAGES = [
    "community:programme_list",
    "community:programmestaff_list",
    "community:member_list",
    "community:member_add",
    "community:ambassador_list",
    "community:ambassador_add",
    "community:ambassadorassignment_list",
    "community:ambassadorassignment_add",
    "community:session_list",
    "community:session_add",
    "community:booking_list",
    "community:booking_add",
    "community:attendance_list",
    "community:public",
    "partners:organisation_list",
    "partners:organisation_add",
    "partners:contact_list",
    "partners:contact_add",
    "partners:outreach_list",
    "partners:outreach_add",
    "bulletins:bulletin_list",
    "bulletins:bulletin_add",
    "bulletins:public",
    "bulletins:webhook_list",
    "bulletins:webhook_add",
    "bulletins:delivery_list",
    "bulletins:acknowledgement_list",
    "cctv:camerasite_list",
    "cctv:camerasite_add",
    "cctv:footagerequest_list",
    "cctv:footagerequest_add",
    "cctv:buildingsurvey_list",
    "cctv:buildingsurvey_add",
    "cctv:coverage",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_pages_render(language):
    programme = fc.make_programme()
    member = fc.make_member(programme=programme)
    session = fc.make_session(programme=programme)
    fc.make_attendance(session=session, member=member)
    org = fp.make_organisation()
    fp.make_outreach(organisation=org)
    bulletin = fb.make_sent_bulletin()
    site = fcc.make_site()
    request = fcc.make_footage_request(site=site)
    survey = fcc.make_survey()
    user = f.make_user("liaison")
    fc.assign(user, programme)
    client = signed_in(user)
    client.cookies["django_language"] = language
    details = [
        reverse("community:programme_detail", kwargs={"pk": programme.pk}),
        reverse("community:member_detail", kwargs={"pk": member.pk}),
        reverse("community:member_edit", kwargs={"pk": member.pk}),
        reverse("community:session_detail", kwargs={"pk": session.pk}),
        reverse("community:session_attendance", kwargs={"pk": session.pk}),
        reverse("community:member_qr", kwargs={"pk": member.pk}),
        reverse("partners:organisation_detail", kwargs={"pk": org.pk}),
        reverse("bulletins:bulletin_detail", kwargs={"pk": bulletin.pk}),
        reverse("cctv:camerasite_detail", kwargs={"pk": site.pk}),
        reverse("cctv:footagerequest_detail", kwargs={"pk": request.pk}),
        reverse("cctv:buildingsurvey_detail", kwargs={"pk": survey.pk}),
        reverse("cctv:buildingsurvey_edit", kwargs={"pk": survey.pk}),
    ]
    for url in [reverse(name) for name in PAGES] + details:
        response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(reverse("community:programme_list")).content.decode()
    assert ("計劃編號" if language == "zh-hant" else "Programme id") in body
