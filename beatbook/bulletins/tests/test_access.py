"""Generic access/audit cases for every bulletins model."""

from beatbook.testing import factories_bulletins as fb
from beatbook.testing.generic import ModelAccessTestCase

from ..models import Acknowledgement, Bulletin, Delivery, Webhook


class TestBulletinAccess(ModelAccessTestCase):
    model = Bulletin
    list_url = "bulletins:bulletin_list"
    detail_url = "bulletins:bulletin_detail"
    api_list_url = "bulletins-api:bulletin-list"
    api_detail_url = "bulletins-api:bulletin-detail"
    marker_field = "title_zh"

    def make(self, **extra):
        return fb.make_bulletin(**extra)

    def change(self, obj):
        obj.body_en = "Changed text"
        obj.save()


class TestWebhookAccess(ModelAccessTestCase):
    model = Webhook
    list_url = "bulletins:webhook_list"
    detail_url = "bulletins:webhook_detail"
    api_list_url = "bulletins-api:webhook-list"
    api_detail_url = "bulletins-api:webhook-detail"
    marker_field = "name"

    def make(self, **extra):
        return fb.make_webhook(**extra)

    def change(self, obj):
        obj.active = False
        obj.save()


class TestDeliveryAccess(ModelAccessTestCase):
    model = Delivery
    list_url = "bulletins:delivery_list"
    detail_url = "bulletins:delivery_detail"
    api_list_url = "bulletins-api:delivery-list"
    api_detail_url = "bulletins-api:delivery-detail"
    marker_field = "recipient"

    def make(self, **extra):
        return fb.make_delivery(**extra)

    def change(self, obj):
        obj.attempts = 3
        obj.save()


class TestAcknowledgementAccess(ModelAccessTestCase):
    model = Acknowledgement
    list_url = "bulletins:acknowledgement_list"
    detail_url = "bulletins:acknowledgement_detail"
    api_list_url = "bulletins-api:acknowledgement-list"
    api_detail_url = "bulletins-api:acknowledgement-detail"

    def marker(self, obj):
        return obj.user.username

    def make(self, **extra):
        return fb.make_acknowledgement(**extra)

    def change(self, obj):
        from django.utils import timezone

        obj.acknowledged_at = timezone.now()
        obj.save()
