"""Fields the schemas share."""

from datetime import timezone

from marshmallow import fields


# --8<-- [start:utc]
class UTCDateTime(fields.DateTime):
    """A time the database wrote in UTC, without a zone, dumped with its +00:00.

    OpenAPI's "date-time" is RFC 3339, which requires the offset: without it, the
    answers break the document's promise (the fuzzer found that)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)
# --8<-- [end:utc]
