# tests/test_recipes.py appends the monorepo recipe's conf.py
# (demo_project/recipes/examples/monorepo/conf.py) to this file before building.

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
