from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from core.caching import connect_content_signals
from films import uploads
from films.curators import CONTENT_MODELS


class FilmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "films"
    verbose_name = _("Films")

    def ready(self):
        # films.search imports the models, which exist only once the registry is ready:
        # Django's documented place for it.
        from films.search import connect_search_signals

        connect_content_signals(
            self.apps.get_model(app_label, model)
            for app_label, models in CONTENT_MODELS.items()
            for model in models
        )
        connect_search_signals()
        film = self.get_model("Film")
        post_save.connect(uploads.poster_saved, sender=film, dispatch_uid="film-poster-saved")
        post_delete.connect(uploads.poster_deleted, sender=film, dispatch_uid="film-poster-gone")
