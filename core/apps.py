from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What the apps share: the content base model, links, paging, caching, the API's base.

    It imports no other first-party package (import-linter checks it), so that `people`
    and `films` can build on it without pulling each other in.
    """

    name = "core"
    verbose_name = "filmbase core"
