"""Read the compose files as docker compose would merge them, without Docker."""

from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


class _Loader(yaml.SafeLoader):
    """YAML with compose's merge tags: `!reset` empties a value, `!override` replaces one."""


_Loader.add_constructor("!reset", lambda loader, node: None)
_Loader.add_constructor("!override", lambda loader, node: loader.construct_sequence(node))


def compose_file(name: str) -> dict:
    return yaml.load((ROOT / name).read_text(), Loader=_Loader)  # noqa: S506  # nosec B506
