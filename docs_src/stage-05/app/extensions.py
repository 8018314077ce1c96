"""Extension objects, made without an app; the factory binds them to each new app."""

# --8<-- [start:extensions]
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
# --8<-- [end:extensions]
