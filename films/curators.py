"""The Curators group: the people who edit filmbase's content in the admin.

Curators may view, add, change and delete the content models and nothing else: not
users, not groups, not the log. Migrations call `grant_curator_permissions` whenever the
set of content models changes, so a fresh database and an old one end up the same.
"""

from django.contrib.auth.management import create_permissions

CURATORS_GROUP = "Curators"
CONTENT_MODELS = {
    "people": ["person", "personlink"],
    "films": [
        "collection",
        "milestone",
        "source",
        "theme",
        "film",
        "credit",
        "quote",
        "citation",
        "productionstatement",
    ],
}
ACTIONS = ("view", "add", "change", "delete")


def grant_curator_permissions(apps, schema_editor=None):
    """Create the Curators group if needed and give it exactly the content permissions."""
    # Permissions are normally created after `migrate`; create them now so that a data
    # migration on a fresh database can grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    wanted = [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        if _exists(apps, app_label, model)
        for action in ACTIONS
    ]
    permissions = []
    for app_label, codename in wanted:
        permissions.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    group.permissions.set(permissions)


def _exists(apps, app_label: str, model: str) -> bool:
    """Whether `model` exists at this point of the migrations: an earlier migration
    grants only what exists then, and the migration that adds a model grants it."""
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True
