from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "films"
    verbose_name = _("Films")

    def ready(self):
        # Models are importable only once the registry is ready: Django's documented place.
        from core.caching import connect_content_signals
        from films.curators import CONTENT_MODELS
        from films.search import connect_search_signals

        connect_content_signals(
            self.apps.get_model(app_label, model)
            for app_label, models in CONTENT_MODELS.items()
            for model in models
        )
        connect_search_signals()
