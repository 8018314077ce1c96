"""The task schema: what a client may send (load) and what it gets back (dump), checked and converted in one place."""

from datetime import timezone

from marshmallow import ValidationError, fields, pre_load, validate, validates

from ..extensions import ma
from ..models import STATUSES, TITLE_MAX_LENGTH, Task


class UTCDateTime(fields.DateTime):
    """A time the database wrote in UTC, answered with its offset ("...+00:00"), as OpenAPI's "date-time" promises."""

    def _serialize(self, value, attr, obj, **kwargs):
        """Mark a time without a zone as UTC before writing it out."""
        # The document says "date-time" (RFC 3339), which needs an offset; a bare "2026-01-31T09:30:00" is not one.
        # The database's CURRENT_TIMESTAMP is UTC, so the naive times it returns are UTC.
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class TaskSchema(ma.SQLAlchemyAutoSchema):
    """A task, with its fields generated from the Task model and the rules a client's input must follow."""

    class Meta:
        model = Task
        # Output-only: dumped, never loaded. Sent by a client, they count as unknown fields and are refused.
        dump_only = ("id", "created_at", "updated_at")

    title = fields.String(required=True, validate=validate.Length(max=TITLE_MAX_LENGTH))
    description = fields.String(allow_none=True, load_default=None)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    due_date = fields.Date(allow_none=True, load_default=None)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)

    @pre_load
    def strip_title(self, data, **kwargs):
        """Remove the spaces around the title before any rule looks at it, so they never count."""
        # pre_load sees the raw input, which may be a list or a string; the schema's type check reports those.
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            data = {**data, "title": data["title"].strip()}
        return data

    @validates("title")
    def title_not_blank(self, value, **kwargs):
        """Refuse a title that was empty or only spaces."""
        if not value:
            raise ValidationError("The title must not be blank.")


class JobSchema(ma.Schema):
    """A queued job: its id, and where to ask how it is doing."""

    job_id = fields.String(dump_only=True)
    status_url = fields.Url(dump_only=True)


class JobStatusSchema(ma.Schema):
    """Where a job is: its state, and its result (SUCCESS) or error (FAILURE)."""

    job_id = fields.String(dump_only=True)
    state = fields.String(dump_only=True, metadata={"enum": ["PENDING", "STARTED", "SUCCESS", "FAILURE", "RETRY"]})
    result = fields.Raw(dump_only=True)
    error = fields.String(dump_only=True)
