"""An empty admonition is an error **MyST** reports.

```{note}
```
"""
