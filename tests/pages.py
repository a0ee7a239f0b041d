"""Reading a rendered page in tests: its HTML, its JSON-LD."""

import json
import re


def html(response) -> str:
    """Return a 200 answer's HTML."""
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def json_ld(page: str) -> list:
    """Return the JSON-LD documents of a page, parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]
