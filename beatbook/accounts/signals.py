"""Sign-ins and failures go into the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction


@receiver(user_logged_in, dispatch_uid="beatbook_login")
def _logged_in(sender, request, user, **kwargs):
    recorder.record(AuditAction.LOGIN, user, user=user)


@receiver(user_logged_out, dispatch_uid="beatbook_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        recorder.record(AuditAction.LOGOUT, user, user=user)


@receiver(user_login_failed, dispatch_uid="beatbook_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    recorder.record(AuditAction.LOGIN_FAILED, model="accounts.user", object_repr=username)
