"""The bookmark schema: what a client may send (load) and what it gets back (dump)."""

from datetime import date
from urllib.parse import urlsplit

from apiflask import Schema
from marshmallow import ValidationError, fields, pre_load, validate, validates

from ..extensions import ma
from ..fields import UTCDateTime
from ..models import TITLE_MAX, URL_MAX, Bookmark

TRIMMED = ("url", "title")


# --8<-- [start:bookmark-schema]
class BookmarkSchema(ma.SQLAlchemyAutoSchema):
    """A bookmark: fields generated from the model, plus the rules input must follow."""

    class Meta:
        model = Bookmark

    # The server's to decide: dumped in every answer, refused in input.
    id = ma.auto_field(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)

    # The pattern only documents web_address() below, for clients and fuzzers.
    url = fields.String(
        required=True,
        validate=validate.Length(max=URL_MAX),
        metadata={"pattern": "^[hH][tT][tT][pP][sS]?://[^/?#]"},
    )
    title = fields.String(required=True, validate=validate.Length(min=1, max=TITLE_MAX))
    # Left out of the input, notes load as None: a PUT without notes clears them.
    notes = fields.String(allow_none=True, load_default=None)
    # "YYYY-MM-DD" in and out; null clears it, and a PUT that leaves it out too.
    visited_on = fields.Date(load_default=None, allow_none=True)
# --8<-- [end:bookmark-schema]

    @pre_load
    def trim_text(self, data, **kwargs):
        """Drop the spaces around url and title before any rule looks at them."""
        if not isinstance(data, dict):
            return data  # a list or a string: the schema's own check reports it
        return {
            key: value.strip() if key in TRIMMED and isinstance(value, str) else value
            for key, value in data.items()
        }

    # --8<-- [start:web-address]
    @validates("url")
    def web_address(self, value, **kwargs):
        """Only an http or https address with a host makes a bookmark."""
        try:
            parts = urlsplit(value)
        except ValueError:  # "http://[x": a bracket that opens an IPv6 host
            raise ValidationError("This is not a valid address.") from None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError("Give an http:// or https:// address.")
    # --8<-- [end:web-address]

    @validates("visited_on")
    def not_in_the_future(self, value, **kwargs):
        """Nobody has visited a link tomorrow."""
        if value is not None and value > date.today():
            raise ValidationError("A visit cannot be in the future.")


class SearchArgs(Schema):
    """The list's query string: ?q= becomes a documented parameter."""

    # "pattern" documents the view's rule: a blank ?q= is a 400.
    q = fields.String(
        metadata={"description": "Text the title must contain", "pattern": r"\S"}
    )
