"""The migrations make the schema the models describe: nothing a model says is left out."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db  # makemigrations checks the history of the applied migrations
def test_the_models_need_no_migration_the_repository_lacks():
    output = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit:
        changes = output.getvalue()
        pytest.fail(f"A model changed without its migration (manage.py makemigrations):\n{changes}")
