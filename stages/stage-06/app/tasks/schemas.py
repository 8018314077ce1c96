"""The task schema: what a client may send (load) and what it gets back (dump), checked and converted in one place."""

from marshmallow import ValidationError, fields, pre_load, validate, validates

from ..extensions import ma
from ..models import STATUSES, TITLE_MAX_LENGTH, Task


class TaskSchema(ma.SQLAlchemyAutoSchema):
    """A task, with its fields generated from the Task model and the rules a client's input must follow."""

    class Meta:
        model = Task
        # TODO: Make id, created_at and updated_at output-only (Meta.dump_only).
        pass

    # TODO: title: required, max 150; description: null if left out; status: required, in STATUSES.
    pass

    # TODO: Strip the title before validation (@pre_load); refuse an empty one (@validates).
    pass
