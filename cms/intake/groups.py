"""The "Intake managers" group: the only people who read submissions.

Editors may build forms but get no permission on submissions. The permissions of both come
from the role table in ``cms/pages/roles.py``; this module is kept for the intake data
migration and for tests (a flushed test database loses migration data).
"""

from cms.pages.roles import EDITORS, INTAKE_MANAGERS, ensure_roles

__all__ = ["EDITORS", "INTAKE_MANAGERS", "ensure_intake_groups"]


def ensure_intake_groups(apps=None):
    """Create the groups and their permissions (idempotent). ``apps``: a migration registry."""
    ensure_roles(apps)
