"""What the auth routes accept and answer."""

from marshmallow import EXCLUDE, Schema, fields, pre_load, validate

from ..extensions import ma
from ..fields import UTCDateTime
from ..models import User


class LoginSchema(Schema):
    """An email and a password; any other field (a "role", say) is dropped."""

    class Meta:
        unknown = EXCLUDE

    email = fields.String(required=True, validate=validate.Length(min=1))
    password = fields.String(required=True, validate=validate.Length(min=1))

    @pre_load
    def normalise_email(self, data, **kwargs):
        """Compare emails without surrounding spaces and in lower case."""
        if isinstance(data, dict) and isinstance(data.get("email"), str):
            data = {**data, "email": data["email"].strip().lower()}
        return data


class RegisterSchema(LoginSchema):
    """The same fields, with a real email address and a password of 8+ characters."""

    email = fields.Email(required=True)
    password = fields.String(required=True, validate=validate.Length(min=8, max=128))


class UserSchema(ma.SQLAlchemySchema):
    """An account as the API shows it: no password hash, ever."""

    class Meta:
        model = User

    id = ma.auto_field()
    email = ma.auto_field()
    role = ma.auto_field()
    joined_at = UTCDateTime(dump_only=True)
