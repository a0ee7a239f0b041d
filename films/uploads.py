"""Uploaded posters leave storage with the film that used them.

A replaced poster stayed on disk and reachable at its old address, and a deleted film's
poster too. The stored name is remembered when a film is loaded, and the old file is
deleted once the transaction that replaced or deleted it has committed (so a rolled-back
save loses nothing).
"""

from django.db import transaction

POSTER = "poster"


def _delete_after_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))


def poster_saved(sender, instance, **kwargs):
    """Delete the file a film's new poster replaced (post_save)."""
    if POSTER in instance.get_deferred_fields():
        return
    old = getattr(instance, "_stored_poster", "")
    if old and old != instance.poster.name:
        _delete_after_commit(instance.poster.storage, old)
    instance._stored_poster = instance.poster.name or ""


def poster_deleted(sender, instance, **kwargs):
    """Delete a deleted film's poster file (post_delete)."""
    if POSTER not in instance.get_deferred_fields() and instance.poster.name:
        _delete_after_commit(instance.poster.storage, instance.poster.name)
