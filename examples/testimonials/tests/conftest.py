# The project's fixtures (site, condition_index, admin_client, ...) live in tests/conftest.py,
# which pytest only applies below tests/; a plugin living elsewhere imports the ones it uses.
from tests.conftest import (  # noqa: F401
    _media_root,
    admin_client,
    condition_index,
    home_page,
    root_page,
    site,
    superuser,
)
