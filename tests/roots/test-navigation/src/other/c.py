"""Module c."""

from pkg.a import run

run()
run()
