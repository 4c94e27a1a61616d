"""Log records fit for a shared log: JSON lines, and no request bodies, headers or cookies.

``LOGGING`` in ``cms/settings/base.py`` puts :class:`RedactRequestFilter` on the console handler
and, in production, :class:`JSONFormatter` (one JSON object per line on stdout).
"""

import json
import logging
from datetime import UTC, datetime

# LogRecord attributes that are not ``extra`` values.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class RedactRequestFilter(logging.Filter):
    """Replaces a record's ``request`` (Django's request loggers attach the whole request, with
    its body, ``Authorization`` header and cookies) by its method and path alone."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, dict):
            record.request = {
                "method": getattr(request, "method", None),
                "path": getattr(request, "path", None),
            }
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, scalar or dict extras, and
    the traceback when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and isinstance(value, str | int | float | dict):
                entry[key] = value
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        return json.dumps(entry, default=str)
