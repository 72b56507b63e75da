"""An empty admonition is an error **MyST** reports.

```{note}
```

```{include} ../../canary.txt
```
"""
