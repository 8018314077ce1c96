"""What a production WSGI server imports: gunicorn -c gunicorn.conf.py wsgi:application.

Without FLASK_CONFIG this is the production app, which will not start unless
SECRET_KEY, JWT_SECRET_KEY and DATABASE_URL are in the environment.
"""

import logging
import os

from app import create_app

# --8<-- [start:application]
application = create_app(os.environ.get("FLASK_CONFIG", "production"))
# --8<-- [end:application]

# --8<-- [start:logging]
server_log = logging.getLogger("gunicorn.error")
if server_log.handlers:  # true under gunicorn; flask and pytest leave it empty
    # Swap the handlers instead of appending gunicorn's: with both, each line of
    # the app's log would come out twice, once in each format.
    application.logger.handlers = server_log.handlers[:]
    application.logger.setLevel(server_log.level)
# --8<-- [end:logging]
