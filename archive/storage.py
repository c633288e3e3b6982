"""Static file storage: hashed, compressed names from collectstatic, without the fragility."""

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """A file collectstatic has not seen gets its plain URL instead of failing the page.

    Django's manifest storage raises ValueError for such a file, which turns every page into
    a 500 when a deploy forgets collectstatic; whitenoise still serves the plain name from
    static/ (WHITENOISE_USE_FINDERS), so a reader never notices.
    """

    manifest_strict = False

    def url(self, name, force=False):
        try:
            return super().url(name, force)
        except ValueError:
            return StaticFilesStorage.url(self, name)
