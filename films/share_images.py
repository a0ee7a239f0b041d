"""Share images: each film page's `og:image`, its generated poster as a 1200×630 PNG.

Link previews (chats, social sites) do not show SVG, so the poster the page draws inline
(films/posters.py) is rendered to PNG by resvg (resvg-py: Rust in a wheel, no system
library; text in the system's fonts, the Docker image installs WenQuanYi for Chinese),
centred on the poster's own dark colour. An image is rendered once and kept as a file
named after a digest of its SVG: the address changes whenever the poster does (a new
title, a director's name), so the file never goes stale and is served as immutable.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from films.models import Film
from films.posters import palette, poster_svg

WIDTH, HEIGHT = 1200, 630
# The poster's text styles live in the site's CSS; here, the same generic families.
STYLE = (
    ".poster-art { overflow: hidden; } text { font-family: sans-serif; } "
    ".poster-title { font-family: serif; }"
)


def share_svg(film) -> str:
    """Return the share image as SVG: the poster, as tall as the image, on its colour."""
    # The poster's root <svg> has a viewBox and no size: it fills the image, centred.
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">'
        '<rect width="{}" height="{}" fill="{}"/>{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        palette(film.slug or str(film.pk))["bottom"],
        poster_svg(film, element_id="share"),
    )


def svg_digest(svg: str) -> str:
    return hashlib.blake2b(svg.encode("utf-8"), digest_size=10).hexdigest()


def share_png(svg: str) -> Path:
    """Return the PNG file of `svg`, rendering it the first time it is asked for."""
    folder = Path(settings.FILMBASE_SHARE_IMAGE_DIR)
    path = folder / f"{svg_digest(svg)}.png"
    if not path.exists():
        import resvg_py  # only the share images need it: not loaded by every process

        png = bytes(
            resvg_py.svg_to_bytes(svg_string=svg, width=WIDTH, height=HEIGHT, style_sheet=STYLE)
        )
        folder.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a reader never sees half a file, two writers agree.
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(png)
        os.replace(temporary, path)
    return path


def share_image_url(request, film) -> str:
    """Return the absolute address of the film's share image in the active language."""
    path = reverse(
        "films:share-image", kwargs={"slug": film.slug, "digest": svg_digest(share_svg(film))}
    )
    return request.build_absolute_uri(path)


@require_safe
def share_image(request, slug, digest):
    """Serve a film's share image; an address of an earlier poster leads to the current."""
    film = get_object_or_404(Film.objects.published().with_directors(), slug=slug)
    svg = share_svg(film)
    current = svg_digest(svg)
    if digest != current:
        return redirect("films:share-image", slug=slug, digest=current)
    response = FileResponse(share_png(svg).open("rb"), content_type="image/png")
    # The address names this image alone (its digest): it never changes.
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    return response
