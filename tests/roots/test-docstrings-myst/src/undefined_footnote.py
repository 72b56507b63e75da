"""A **Markdown** footnote reference[^missing] without its footnote."""
