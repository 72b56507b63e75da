"""Pure page planning: docnames, stub text, fingerprints and the content of each section."""
