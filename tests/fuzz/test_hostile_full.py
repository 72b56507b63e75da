"""Full tier: the hostile repository at full size (10,000 definitions in one file), serial
and parallel, with the fast tier's checks (every page, the canary, the warnings)."""

from __future__ import annotations

import pytest
from buildutil import repodoc_warnings
from test_hostile import HOSTILE_CHECKS, build_hostile

pytestmark = [pytest.mark.sphinx, pytest.mark.slow]


@pytest.mark.parametrize("parallel", [0, 2])
def test_full_size_hostile_repository(tmp_path, parallel):
    hostile = build_hostile(tmp_path, defs=10_000, parallel=parallel)
    app = hostile[0]
    for check in HOSTILE_CHECKS.values():
        if check.__name__ != "check_ordinary_files_keep_their_content":  # counts FAST_DEFS
            check(hostile)
    repo = app.env.get_domain("repo").state.repo
    assert len(repo.file("defs.py").symbols) == 10_000
    for subtype in ("syntax", "encoding", "too_large", "unreadable", "symlink", "directive"):
        assert repodoc_warnings(app, subtype), subtype
