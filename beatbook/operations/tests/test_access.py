"""Access and audit for every operations model (generic cases), and RESTRICTED by default."""

import itertools

import pytest
from django.urls import reverse

from beatbook.core.models import HandlingCode
from beatbook.testing import factories as f
from beatbook.testing import factories_operations as fo
from beatbook.testing.generic import ModelAccessTestCase, signed_in

from ..models import ArrestCount, DrugSeizure, Operation

UNIQUE_NUMBERS = itertools.count(987_601)


class TestOperationAccess(ModelAccessTestCase):
    model = Operation
    list_url = "operations:operation_list"
    detail_url = "operations:operation_detail"
    api_list_url = "operations-api:operation-list"
    api_detail_url = "operations-api:operation-detail"
    marker_field = "name"

    def make(self, **extra):
        return fo.make_operation(**extra)

    def change(self, obj):
        obj.premises_searched = 9
        obj.save()


class TestArrestCountAccess(ModelAccessTestCase):
    model = ArrestCount
    list_url = "operations:arrestcount_list"
    detail_url = "operations:arrestcount_detail"
    api_list_url = "operations-api:arrestcount-list"
    api_detail_url = "operations-api:arrestcount-detail"

    def make(self, **extra):
        # A count no other page element shows identifies the row (the operation name is in the filter).
        return fo.make_arrests(count=next(UNIQUE_NUMBERS), **extra)

    def marker(self, obj):
        return str(obj.count)

    def change(self, obj):
        obj.count = 7
        obj.save()


class TestDrugSeizureAccess(ModelAccessTestCase):
    model = DrugSeizure
    list_url = "operations:drugseizure_list"
    detail_url = "operations:drugseizure_detail"
    api_list_url = "operations-api:drugseizure-list"
    api_detail_url = "operations-api:drugseizure-detail"

    def make(self, **extra):
        return fo.make_seizure(weight_g=f"{next(UNIQUE_NUMBERS)}.37", **extra)

    def marker(self, obj):
        return f"{obj.weight_g}"

    def change(self, obj):
        obj.weight_g = 20
        obj.save()


@pytest.mark.django_db
def test_new_operations_are_restricted_unless_said_otherwise():
    unit = f.make_unit()
    op = Operation.objects.create(
        name="X", kind="anti_drug", lead_unit=unit, starts_on="2024-01-01", ends_on="2024-01-02"
    )
    assert op.handling_code == HandlingCode.RESTRICTED
    loaded = Operation.objects.get(pk=op.pk)  # loading from the database keeps the stored code
    assert loaded.handling_code == HandlingCode.RESTRICTED


@pytest.mark.django_db
def test_api_create_without_handling_code_is_restricted_and_hidden_from_uncleared_analysts():
    objective = f.make_objective(code="AP-DRUGS-TRAF-1")
    unit = f.make_unit("SDS")
    commander = f.make_user("commander", clearance=True)
    body = {
        "name": "Op",
        "kind": "anti_drug",
        "objectives": [objective.code],
        "lead_unit": unit.code,
        "starts_on": "2024-02-01",
        "ends_on": "2024-02-10",
    }
    response = signed_in(commander).post(
        reverse("operations-api:operation-list"), body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["handling_code"] == "restricted"
    analyst = f.make_user("analyst")
    assert signed_in(analyst).get(reverse("operations-api:operation-list")).json()["count"] == 0


@pytest.mark.django_db
def test_officers_and_partners_have_no_access_at_all():
    fo.make_operation()
    for role in ("officer", "partner", "liaison"):
        client = signed_in(f.make_user(role))
        assert client.get(reverse("operations:operation_list")).status_code == 403
        assert client.get(reverse("operations-api:operation-list")).status_code == 403


def test_outcome_models_hold_no_personal_identifiers():
    """Counts, never people: no field may name, identify or picture a person."""
    forbidden = ("name", "hkid", "identity", "photo", "image", "dob", "birth", "phone", "address", "suspect")
    for model in (ArrestCount, DrugSeizure):
        for field in model._meta.get_fields():
            assert not any(word in field.name.lower() for word in forbidden), (model, field.name)
