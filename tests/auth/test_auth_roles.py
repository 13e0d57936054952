"""What each role may do and which pages it sees (fraudfree.auth.ROLE_PERMISSIONS, PAGE_ACTIONS)."""

import pytest

from fraudfree import auth

# The wording, action by action: viewer = leadership, browse without case-level exports;
# planner = filters, exports, own presets; uploader = imports and undo; admin = users, criteria and weights.
EXPECTED = {
    "viewer": {"browse", "export"},
    "planner": {"browse", "export", "export_case_level", "own_presets"},
    "uploader": {"browse", "export", "export_case_level", "import", "undo"},
    "admin": set(auth.ACTIONS),
}
PAGES = [
    "views/overview.py",
    "views/upload.py",
    "views/batches.py",
    "views/scorecard.py",
    "views/users.py",
    "views/audit.py",
]


@pytest.mark.parametrize("role", auth.ROLES)
@pytest.mark.parametrize("action", auth.ACTIONS)
def test_each_role_is_allowed_exactly_its_actions(role, action):
    assert auth.allowed(role, action) == (action in EXPECTED[role])


def test_viewer_may_not_export_case_level_tables_nor_import():
    viewer = auth.User("leader", "viewer")
    assert viewer.can("browse") and viewer.can("export")
    assert not viewer.can("export_case_level")
    assert not viewer.can("import") and not viewer.can("undo") and not viewer.can("manage_users")


def test_only_admin_manages_users_presets_and_reads_the_audit_log():
    for role in auth.ROLES:
        assert auth.allowed(role, "manage_users") == (role == "admin")
        assert auth.allowed(role, "manage_presets") == (role == "admin")
        assert auth.allowed(role, "view_audit") == (role == "admin")


def test_open_demo_without_accounts_allows_everything():
    assert all(auth.allowed(None, action) for action in auth.ACTIONS)
    assert auth.pages_for(None, PAGES) == PAGES


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        ("viewer", ["views/overview.py", "views/scorecard.py"]),
        ("planner", ["views/overview.py", "views/scorecard.py"]),
        ("uploader", ["views/overview.py", "views/upload.py", "views/batches.py", "views/scorecard.py"]),
        ("admin", PAGES),
    ],
)
def test_each_role_sees_only_its_pages_in_the_router_order(role, pages):
    assert auth.pages_for(role, PAGES) == pages


def test_an_unknown_action_is_a_programming_error_not_a_refusal():
    with pytest.raises(ValueError):
        auth.allowed("admin", "launch")
