"""The task schema: what a client may send (load) and what it gets back (dump), checked and converted in one place."""

from marshmallow import ValidationError, fields, pre_load, validate, validates

from ..extensions import ma
from ..models import STATUSES, TITLE_MAX_LENGTH, Task


# --8<-- [start:schema]
class TaskSchema(ma.SQLAlchemyAutoSchema):
    """A task, with its fields generated from the Task model and the rules a client's input must follow."""

    class Meta:
        model = Task
        # --8<-- [start:todo-output-only] Make id, created_at and updated_at output-only (Meta.dump_only).
        # Output-only: dumped, never loaded. Sent by a client, they count as unknown fields and are refused.
        dump_only = ("id", "created_at", "updated_at")
        # --8<-- [end:todo-output-only] stub: pass

    # --8<-- [start:todo-fields] title: required, max 150; description: null if left out; status: required, in STATUSES.
    title = fields.String(required=True, validate=validate.Length(max=TITLE_MAX_LENGTH))
    description = fields.String(allow_none=True, load_default=None)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    # --8<-- [end:todo-fields] stub: pass

    # --8<-- [start:todo-title-rules] Strip the title before validation (@pre_load); refuse an empty one (@validates).
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
    # --8<-- [end:todo-title-rules] stub: pass
# --8<-- [end:schema]
