"""Uploaded images: the right type, a sane size, no decompression bomb, an honest name."""

from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# The extension a stored image gets, from what Pillow found in it, never from the upload.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@deconstructible
class ImageUploadValidator:
    """Refuse an upload that is too big, not a JPEG/PNG/WebP, or too many pixels.

    The dimensions are read from the header without decoding the image, so a small file
    that would expand into gigabytes of pixels is refused before it can hurt.
    """

    def __init__(self, max_bytes: int = 5 * 1024 * 1024, max_pixels: int = 40_000_000):
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def __call__(self, file):
        if file.size > self.max_bytes:
            raise ValidationError(
                _("The image is %(size)s; the limit is %(limit)s."),
                code="file_too_large",
                params={
                    "size": filesizeformat(file.size),
                    "limit": filesizeformat(self.max_bytes),
                },
            )
        position = file.tell() if hasattr(file, "tell") else None
        try:
            file.seek(0)
            with Image.open(file) as image:
                kind, (width, height) = image.format, image.size
        except Image.DecompressionBombError:
            # Pillow refuses before we learn the size: say so, rather than invent one.
            raise ValidationError(
                _("The image has far more pixels than the limit of %(limit)s million."),
                code="too_many_pixels",
                params={"limit": self.max_pixels // 1_000_000},
            ) from None
        except Exception:  # noqa: BLE001 - Pillow raises many kinds of error on bad input
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image."), code="invalid_image"
            ) from None
        finally:
            if position is not None:
                file.seek(position)
        if width * height > self.max_pixels:
            raise ValidationError(
                _("The image is %(width)s × %(height)s pixels; the limit is %(limit)s million."),
                code="too_many_pixels",
                params={"width": width, "height": height, "limit": self.max_pixels // 1_000_000},
            )
        if kind not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image, not %(kind)s."),
                code="invalid_image_type",
                params={"kind": kind or _("this file")},
            )

    def __eq__(self, other):
        return (
            isinstance(other, ImageUploadValidator)
            and self.max_bytes == other.max_bytes
            and self.max_pixels == other.max_pixels
        )


class ImageUploadFormField(forms.ImageField):
    """An image form field that checks size, type and pixel count before decoding.

    Django's own ImageField opens the image first and reports any failure, a
    decompression bomb included, as "not an image"; checking first gives the curator
    the real reason.
    """

    def __init__(self, *, upload_validator=None, **kwargs):
        self.upload_validator = upload_validator or ImageUploadValidator()
        super().__init__(**kwargs)

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            self.upload_validator(data)
        return super().to_python(data)


class ValidatedImageField(models.ImageField):
    """A model ImageField whose forms (the admin's included) use ImageUploadFormField."""

    def __init__(self, *args, upload_validator=None, **kwargs):
        self.upload_validator = upload_validator or ImageUploadValidator()
        kwargs.setdefault("validators", [self.upload_validator])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if self.upload_validator != ImageUploadValidator():
            kwargs["upload_validator"] = self.upload_validator
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.name = content_name(file)
        return super().pre_save(model_instance, add)

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": ImageUploadFormField,
                "upload_validator": self.upload_validator,
                **kwargs,
            }
        )


def content_name(file) -> str:
    """Return the upload's name with the extension of what it is (a PNG sent as `x.pdf`
    is stored as `x.png`), so that storage and web servers serve it with its real type."""
    file.seek(0)
    with Image.open(file) as image:
        kind = image.format
    file.seek(0)
    stem = slugify(PurePosixPath(file.name).stem)[:80] or "image"
    return f"{stem}.{EXTENSIONS[kind]}"
