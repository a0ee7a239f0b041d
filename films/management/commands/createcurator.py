"""Create a curator: a staff user in the Curators group, the way createsuperuser works.

manage.py createcurator                       # asks for username, email, password
FILMBASE_CURATOR_PASSWORD=… manage.py createcurator --username ann --email a@x --noinput
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import DEFAULT_DB_ALIAS, transaction

from films.curators import CURATORS_GROUP

PASSWORD_VARIABLE = "FILMBASE_CURATOR_PASSWORD"


class Command(BaseCommand):
    help = "Create a curator: a staff user who may edit filmbase's content in the admin."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--username", help="The curator's login name.")
        parser.add_argument("--email", default="", help="The curator's email address.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: needs --username and the password in ${PASSWORD_VARIABLE}.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, username, email, interactive, database, **options):
        User = get_user_model()
        try:
            group = Group.objects.using(database).get(name=CURATORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError("The Curators group is missing: run `manage.py migrate`.") from None

        if interactive:
            username, email, password = self._ask(User, username, email, database)
        else:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not username:
                raise CommandError("You must use --username with --noinput.")
            if not password:
                raise CommandError(f"Set {PASSWORD_VARIABLE} to the password with --noinput.")

        user = User(username=username, email=email, is_staff=True)
        errors = self._check_user(User, user, password, database)
        if errors:
            raise CommandError("\n".join(errors))

        with transaction.atomic(using=database):
            user.set_password(password)
            user.save(using=database)
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Curator {username!r} created."))

    def _check_user(self, User, user, password, database) -> list[str]:
        """Return what is wrong with the new curator, in words a person can act on."""
        errors = []
        try:
            User._meta.get_field("username").clean(user.username, user)
        except exceptions.ValidationError as error:
            errors.extend(error.messages)
        if User._default_manager.db_manager(database).filter(username=user.username).exists():
            errors.append(f"The username {user.username!r} is already taken.")
        if user.email:
            try:
                validate_email(user.email)
            except exceptions.ValidationError as error:
                errors.extend(error.messages)
        try:
            validate_password(password, user)
        except exceptions.ValidationError as error:
            errors.extend(error.messages)
        return errors

    def _ask(self, User, username, email, database):
        """Prompt until the answers are valid, as createsuperuser does."""
        if not self.stdin_isatty():
            raise CommandError("No terminal to ask on: use --noinput (see --help).")
        while not username:
            username = input("Username: ").strip()
            if User._default_manager.db_manager(database).filter(username=username).exists():
                self.stderr.write(f"The username {username!r} is already taken.")
                username = ""
        if not email:
            email = input("Email address (optional): ").strip()
        while True:
            password = getpass.getpass()
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords didn't match.")
                continue
            try:
                validate_password(password, User(username=username, email=email))
            except exceptions.ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            return username, email, password

    def stdin_isatty(self) -> bool:
        return hasattr(self.stdin, "isatty") and self.stdin.isatty()

    def execute(self, *args, **options):
        self.stdin = options.get("stdin", sys.stdin)
        return super().execute(*args, **options)
