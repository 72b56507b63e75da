"""Helpers, documented in **Markdown**.

## Usage

Call {repo:func}`helper` or {func}`other` first, see the
[project site](https://example.org/site) and [the helper](helper).

- FIRST-ITEM
- SECOND-ITEM

```python
result = helper(1)
```

```{note}
NOTE-BODY with *emphasis*.
```

:::{tip}
TIP-BODY in a colon fence.
:::

<script>alert("MD-SCRIPT")</script>

Inline <b class="md-inline">HTML</b> stays text.

![secret](../conf.py)

```{include} ../../canary.txt
```

```{raw} html
<span class="md-raw">RAW</span>
```

{ref}`some-label` is shown as written.
"""


def helper(x):
    """Help."""
    return x


def other():
    """Other."""
