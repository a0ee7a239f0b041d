"""WSGI middleware that must run before Django builds its request."""

from django.utils.http import parse_header_parameters


def _is_text_encoding(name: str) -> bool:
    try:
        "".encode(name)
    except LookupError:  # unknown, or a bytes-to-bytes codec such as zlib or rot13
        return False
    return True


def readable_charsets(application):
    """Drop a `charset` from Content-Type that is not a text encoding (zlib, rot13…).

    Django's request takes any codec Python knows as its encoding and decodes the query
    string with it while it is being built, before any middleware runs: a bytes-to-bytes
    codec raises LookupError there, a server error. Without the parameter the request
    is read in the default charset, as one naming an unknown charset already is.
    """

    def wrapper(environ, start_response):
        content_type = environ.get("CONTENT_TYPE", "")
        if "charset" in content_type.lower():  # parameter names are case-insensitive
            kind, params = parse_header_parameters(content_type)
            if not _is_text_encoding(params.get("charset", "utf-8")):
                environ["CONTENT_TYPE"] = kind
        return application(environ, start_response)

    return wrapper
