"""Full tier: many random edit sequences, incremental build == clean build, byte for byte.

``make test-full`` (or ``pytest -m slow tests/fuzz``). Each sequence is seeded, so a failure
names the seed and the edit log that reproduce it.
"""

from __future__ import annotations

import pytest
from editseq import check_sequence

pytestmark = [pytest.mark.sphinx, pytest.mark.slow]

#: sequences in the full tier: seed → rounds of up to 4 edits, an incremental build after each
SEQUENCES = 40
ROUNDS = 6


@pytest.mark.parametrize("seed", range(100, 100 + SEQUENCES))
def test_incremental_after_random_edits_equals_clean(tmp_path, seed):
    assert check_sequence(tmp_path, seed, ROUNDS, edits_per_step=4)
