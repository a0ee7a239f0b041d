"""Create the Curators group with view/add/change/delete on the content models."""

from django.db import migrations

from films.curators import grant_curator_permissions


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("films", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_curator_permissions, remove_group)]
