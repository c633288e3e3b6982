from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "报纸档案"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from archive import person_months, throttle, versions

        versions.register()
        person_months.connect()
        _chinese_names_for_library_models()
        # Every failed password counts against the client's address, whichever username.
        user_login_failed.connect(throttle.record_login_failure, dispatch_uid="archive-login")


def _chinese_names_for_library_models():
    """django-axes and django-reversion ship no Chinese names for their models; staff read
    "Access attempts" in the admin otherwise."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.apps import apps

    names = {AccessAttempt: "登录尝试", AccessFailureLog: "登录失败记录", AccessLog: "登录记录"}
    for model, name in names.items():
        model._meta.verbose_name = model._meta.verbose_name_plural = name
    apps.get_app_config("axes").verbose_name = "登录保护"
