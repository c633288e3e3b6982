from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "报纸档案"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from archive import throttle, versions

        versions.register()
        # Every failed password counts against the client's address, whichever username.
        user_login_failed.connect(throttle.record_login_failure, dispatch_uid="archive-login")
