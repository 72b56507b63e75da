"""Say "hi" -- twice, with 'single' quotes."""
