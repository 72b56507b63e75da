from lib.store import load, settings


def test_load(tmp_path):
    assert load


def test_settings():
    assert settings


class TestBuild:
    def test_build_runs(self):
        pass
