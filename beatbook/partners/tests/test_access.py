"""Generic access/audit cases for partner organisations, contacts and outreach."""

from beatbook.testing import factories_partners as fp
from beatbook.testing.generic import ModelAccessTestCase

from ..models import Contact, Organisation, Outreach


class TestOrganisationAccess(ModelAccessTestCase):
    model = Organisation
    list_url = "partners:organisation_list"
    detail_url = "partners:organisation_detail"
    api_list_url = "partners-api:organisation-list"
    api_detail_url = "partners-api:organisation-detail"
    marker_field = "name_zh"

    def make(self, **extra):
        return fp.make_organisation(**extra)

    def change(self, obj):
        obj.address = "2 Argyle Street"
        obj.save()


class TestContactAccess(ModelAccessTestCase):
    model = Contact
    list_url = "partners:contact_list"
    detail_url = "partners:contact_detail"
    api_list_url = "partners-api:contact-list"
    api_detail_url = "partners-api:contact-detail"
    marker_field = "name"

    def make(self, **extra):
        return fp.make_contact(**extra)

    def change(self, obj):
        obj.role = "Director"
        obj.save()


class TestOutreachAccess(ModelAccessTestCase):
    model = Outreach
    list_url = "partners:outreach_list"
    detail_url = "partners:outreach_detail"
    api_list_url = "partners-api:outreach-list"
    api_detail_url = "partners-api:outreach-detail"
    marker_field = "topic"

    def make(self, **extra):
        return fp.make_outreach(**extra)

    def change(self, obj):
        obj.notes = "Follow-up agreed"
        obj.save()
