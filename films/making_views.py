"""How the works were made: the film page's section and the page comparing the works.

Both read the production statements prefetched with the films (films.models.production),
so their query counts do not grow with the number of films or statements.
"""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.caching import public_cache
from core.pages import page_query, paginate
from films import structured_data as ld
from films.footnotes import Footnotes
from films.models import Film, KelingFeature, ProductionKind, ProductionStage, grouped
from films.models.film import production_prefetch


@dataclass
class Group:
    kind: str
    label: str
    statements: list


def production_groups(statements) -> list[Group]:
    """Return a film's statements by kind, in the page's order, every kind present."""
    labels = dict(ProductionKind.choices)
    labels[ProductionKind.TOOL] = _("Keling tools and features")
    labels[ProductionKind.STAGE] = _("Who did each stage")
    labels[ProductionKind.INSPIRATION] = _("Inspirations")
    return [Group(kind, labels[kind], items) for kind, items in grouped(statements).items()]


@dataclass
class Cell:
    """One film's answer for one stage or tool: what the sources say, with their notes."""

    statements: list = field(default_factory=list)

    @property
    def answer(self) -> str:
        if not self.statements:
            return _("Not in our sources")
        if self.statements[0].kind == ProductionKind.TOOL:
            return _("Used")
        doers = {s.get_done_by_display() for s in self.statements if s.done_by}
        return " / ".join(sorted(doers)) if doers else _("Not in our sources")


def _rows(films, footnotes: Footnotes) -> list[dict]:
    """Return one row per film: a cell per stage, then per Keling feature."""
    rows = []
    for film in films:
        stages = {value: Cell() for value in ProductionStage.values}
        tools = {value: Cell() for value in KelingFeature.values}
        for statement in grouped(film.production_statements)[ProductionKind.STAGE]:
            stages[statement.stage].statements.append(statement)
        for statement in grouped(film.production_statements)[ProductionKind.TOOL]:
            tools[statement.feature].statements.append(statement)
        cells = [*stages.values(), *tools.values()]
        for cell in cells:
            for statement in cell.statements:
                statement.footnotes = [footnotes.cite(s) for s in statement.sources.all()]
        rows.append({"film": film, "cells": cells})
    return rows


@require_GET
@public_cache(params=("page",))
def making(request):
    """Compare how the works were made: per film, who did each stage, which tools.

    A page at a time, as the film list: the table grows with every film published.
    """
    films = (
        Film.objects.published()
        .for_list()
        .prefetch_related(
            # The origin too, for each film's digitalSourceType in the JSON-LD.
            production_prefetch(Film.objects.all(), ("stage", "tool", "origin"))
        )
    )
    page = paginate(request, films, "films")
    films = list(page)
    footnotes = Footnotes()
    context = {
        "title": _("How the works were made"),
        "description": _(
            "The nine works side by side: for each stage of the making, whether people, "
            "Keling or both did it, and which Keling features each used, as far as the "
            "sources say."
        ),
        "stages": ProductionStage.choices,
        "features": KelingFeature.choices,
        "rows": _rows(films, footnotes),
        "page": page,
        "canonical_query": page_query(page),
        "footnotes": footnotes,
        "structured_data": ld.graph(*(ld.movie(request, film) for film in films)),
    }
    return render(request, "films/making.html", context)
