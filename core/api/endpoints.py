"""The API's own endpoints around the resources: the token exchange and the schema's pages."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer

from core.api.defaults import JSONParser, TokenThrottle
from core.api.views import ApiViewMixin
from core.security import locked_out


class TokenRequestSerializer(AuthTokenSerializer):
    """A username no longer than an account's can be, refused before any password check.

    The sign-in lock-out records the username it counted a failure for; an overlong one
    would not fit that record (PostgreSQL refuses it), so it is a 400 here instead.
    """

    username = serializers.CharField(label="Username", max_length=150, write_only=True)


class TokenView(ApiViewMixin, ObtainAuthToken):
    """Exchange a username and password for the token that signs API writes.

    Send it as `Authorization: Token <token>`. Attempts are throttled per address, and
    failed ones count towards the same lock-out as the admin's sign-in (django-axes): after
    too many for one username from one address, that pair gets 429 until the cool-off ends.
    """

    renderer_classes = [JSONRenderer]
    # ObtainAuthToken names its parsers itself rather than taking the API's: the same
    # three, with the API's JSON parser (a 400 for any body it cannot read).
    parser_classes = [FormParser, MultiPartParser, JSONParser]
    throttle_classes = [TokenThrottle]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        operation_id="token", request=TokenRequestSerializer, responses=AuthTokenSerializer
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # axes marks the request it was given (DRF's), which its middleware never sees.
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            raise


class SchemaView(ApiViewMixin, SpectacularAPIView):
    """The OpenAPI 3 schema: YAML, or JSON with ?format=json. The same for everyone."""


class DocsView(ApiViewMixin, SpectacularSwaggerSplitView):
    """Swagger UI over the schema; its errors are JSON like the rest of the API."""


class RedocView(ApiViewMixin, SpectacularRedocView):
    """Redoc over the schema; its errors are JSON like the rest of the API."""
