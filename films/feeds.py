"""The Atom feed of what changed for readers: films, people, quotes and sources.

Built with Django's syndication framework from the same history as the API's change
feed (`change_rows`, films/api/sync.py), as readers saw it: a draft is never in it, nor
is an entry that is not public now. One item per entry, its latest change, newest first;
the item's id holds the change's moment, so a feed reader shows an edit as news.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.caching import public_cache
from core.content import localized
from core.pages import summary
from films.api.sync import change_rows
from films.models import Film, Quote, Source
from people.models import Person

FEED_ITEMS = 50
# History rows read to find FEED_ITEMS entries of the kinds the feed shows.
ROWS_READ = 4 * FEED_ITEMS
KINDS = ("film", "person", "quote", "source")


def _entries(kind: str, ids: list[int]) -> dict:
    querysets = {
        "film": Film.objects.published().with_directors(),
        "person": Person.objects.all(),
        "quote": Quote.objects.published().with_context(),
        "source": Source.objects.all(),
    }
    return querysets[kind].in_bulk(ids) if ids else {}


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("filmbase: what changed")

    def subtitle(self):
        return _("Films, people, quotes and sources published or changed, newest first.")

    def link(self):
        return reverse("home:index")

    @property
    def language(self):
        # Django's Feed reads `language` as a value, never calling it as it does `title`.
        return "zh-Hans" if get_language() == "zh-hans" else "en"

    def items(self):
        rows = change_rows(None, public=True).order_by("-history_date", "-history_id")
        latest: dict[tuple, tuple] = {}
        for at, kind, object_id, _slug, action, _history_id in rows[:ROWS_READ]:
            if kind in KINDS and action != "-" and (kind, object_id) not in latest:
                latest[(kind, object_id)] = (at, action)
        wanted = list(latest.items())[:FEED_ITEMS]
        found = {
            kind: _entries(kind, [pk for (k, pk), _change in wanted if k == kind]) for kind in KINDS
        }
        return [
            (kind, found[kind][pk], at, action)
            for (kind, pk), (at, action) in wanted
            if pk in found[kind]
        ]

    def item_title(self, item):
        kind, entry, _at, action = item
        label = _label(kind, entry)
        noun = capfirst(entry._meta.verbose_name)
        if action == "+":
            return _("%(kind)s published: %(label)s") % {"kind": noun, "label": label}
        return _("%(kind)s changed: %(label)s") % {"kind": noun, "label": label}

    def item_description(self, item):
        kind, entry, _at, _action = item
        if kind == "film":
            text = localized(entry, "synopsis")
        elif kind == "person":
            text = localized(entry, "bio")
        elif kind == "quote":
            return summary(_words(entry))
        else:
            return entry.outlet
        return summary(text.text) if text else ""

    def item_link(self, item):
        kind, entry, _at, _action = item
        if kind == "source" and not hasattr(entry, "get_absolute_url"):
            return entry.url  # no page of its own: its published address
        return entry.get_absolute_url()

    def item_guid(self, item):
        kind, entry, at, _action = item
        return f"{self.item_link(item)}#{kind}-{entry.pk}-{at.isoformat()}"

    def item_guid_is_permalink(self, item):
        return False

    def item_updateddate(self, item):
        return item[2]

    def item_pubdate(self, item):
        return item[2]


def _label(kind: str, entry) -> str:
    if kind in ("film", "person"):
        return entry.label  # a film's label already says when its title is not settled
    if kind == "quote":
        return summary(_words(entry), 60)
    return entry.title_text.text  # our Chinese description of an untitled page, in Chinese


changes_feed = require_GET(public_cache(ChangesFeed()))


def _words(quote) -> str:
    """Return the quote's words in the active language, else in the other one."""
    if get_language() == "zh-hans":
        return quote.words_zh or quote.words_en
    return quote.words_en or quote.words_zh
